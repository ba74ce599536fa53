import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Venue } from '../api/venues';

/** What is booked at the venue, in the reader's words. */
export function VenueKindTag({ kind }: { kind: Venue['kind'] }) {
  const { t } = useTranslation();
  return <Tag className="venue-tag-kind">{t(`venues.kind.${kind}`)}</Tag>;
}

/** Whether members can book the venue. */
export function VenueStatusTag({ status }: { status: Venue['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag className={status === 'active' ? 'venue-tag-ok' : 'venue-tag-muted'}>
      {t(`venues.status.${status}`)}
    </Tag>
  );
}
