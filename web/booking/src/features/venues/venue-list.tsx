import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { VENUE_KINDS, type VenueKind, type VenueSummary } from './types';

/** The venues one can book, by kind: a chip per kind that has venues, and "all". */
export function VenueList({
  venues,
  kind,
  onKindChange,
  onOpen,
}: {
  venues: VenueSummary[];
  kind: VenueKind | 'all';
  onKindChange: (kind: VenueKind | 'all') => void;
  onOpen: (venue: VenueSummary) => void;
}) {
  const { t } = useTranslation();
  const kinds = VENUE_KINDS.filter((candidate) => venues.some((venue) => venue.kind === candidate));
  const shown = kind === 'all' ? venues : venues.filter((venue) => venue.kind === kind);
  return (
    <section aria-labelledby="venues-title">
      <h2 id="venues-title" className="screen-title">
        {t('venues.title')}
      </h2>
      <div role="group" aria-label={t('venues.kindsLabel')} className="chips">
        {(['all', ...kinds] as const).map((each) => (
          <button
            key={each}
            type="button"
            aria-pressed={each === kind}
            className={each === kind ? 'is-current' : undefined}
            onClick={() => onKindChange(each)}
          >
            {t(`venues.kinds.${each}`)}
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="empty">{t('venues.empty')}</p>
      ) : (
        <ul className="cards">
          {shown.map((venue) => (
            <li key={venue.id}>
              <button type="button" className="card venue-card" onClick={() => onOpen(venue)}>
                <span className="card-title">{venue.name}</span>
                <span className="card-meta">{venue.description ?? t(`venues.kinds.${venue.kind}`)}</span>
                <RightOutlined aria-hidden className="card-arrow" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
