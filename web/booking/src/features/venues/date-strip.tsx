import { formatDay } from '@sbm/web-shared/format';
import { useTranslation } from 'react-i18next';
import { formatWeekday } from '../../lib/time';

/** The days one can pick (the next 14 from today), as a strip of toggle buttons that scrolls sideways. */
export function DateStrip({
  days,
  selected,
  onSelect,
}: {
  /** YYYY-MM-DD, today first. */
  days: string[];
  selected: string;
  onSelect: (day: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div role="group" aria-label={t('availability.days')} className="date-strip">
      {days.map((day, index) => (
        <button
          key={day}
          type="button"
          aria-pressed={day === selected}
          className={day === selected ? 'is-current' : undefined}
          onClick={() => onSelect(day)}
        >
          <span className="weekday">
            {index === 0 ? t('availability.today') : formatWeekday(day, i18n.language)}
          </span>
          <span className="day">{formatDay(day, i18n.language)}</span>
        </button>
      ))}
    </div>
  );
}
