import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/time';
import type { CapacityMode, Slot } from './types';

/** Whether a slot is full for the party (it may then be waitlisted), rather than outside the window. */
export const isFull = (slot: Slot, partySize: number, mode: CapacityMode) =>
  !slot.bookable && slot.remaining < (mode === 'pool' ? partySize : 1);

/**
 * A day's slots as a grid of buttons: the start time and what is left. A full slot offers its waitlist
 * instead; a slot outside the booking window (too soon, too far, over) cannot be picked.
 */
export function SlotGrid({
  slots,
  partySize,
  mode,
  selected,
  onPick,
}: {
  slots: Slot[];
  partySize: number;
  mode: CapacityMode;
  selected?: string;
  onPick: (slot: Slot, action: 'book' | 'waitlist') => void;
}) {
  const { t, i18n } = useTranslation();
  if (slots.length === 0) return <p className="empty">{t('availability.noSlots')}</p>;
  return (
    <ul className="slot-grid" aria-label={t('availability.slots')}>
      {slots.map((slot) => {
        const full = isFull(slot, partySize, mode);
        const time = formatTime(slot.start, i18n.language);
        const says = slot.bookable
          ? t(mode === 'pool' ? 'availability.remaining' : 'availability.remainingResources', {
              count: slot.remaining,
            })
          : full
            ? `${t('availability.full')} · ${t('availability.waitlist')}`
            : t('availability.closed');
        return (
          <li key={slot.start}>
            <button
              type="button"
              className={['slot', full ? 'is-full' : '', slot.start === selected ? 'is-current' : '']
                .filter(Boolean)
                .join(' ')}
              aria-pressed={slot.start === selected}
              aria-label={`${time} ${says}`}
              disabled={!slot.bookable && !full}
              onClick={() => onPick(slot, full ? 'waitlist' : 'book')}
            >
              <span className="time">{time}</span>
              <span className="remaining">{says}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
