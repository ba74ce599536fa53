import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/time';
import type { CapacityMode, Slot, VenueKind } from './types';

/** Whether a slot is full for the party (it may then be waitlisted), rather than outside the window. */
export const isFull = (slot: Slot, partySize: number, mode: CapacityMode) =>
  !slot.bookable && slot.remaining < (mode === 'pool' ? partySize : 1);

/** What is left in a slot, as the venue counts: places of a pool, or its tables (or other resources). */
const remainingKey = (mode: CapacityMode, kind: VenueKind | undefined) =>
  mode === 'pool'
    ? 'availability.remaining'
    : kind === 'restaurant'
      ? 'availability.remainingTables'
      : 'availability.remainingResources';

const sameTime = (a: string, b: string | undefined) => b !== undefined && Date.parse(a) === Date.parse(b);

/**
 * A day's slots as a grid of buttons: the start time and what is left. A full slot offers its waitlist
 * instead (when `waitlist`); a slot outside the booking window (too soon, too far, over) cannot be
 * picked, nor the `current` one (the booking being moved).
 */
export function SlotGrid({
  slots,
  partySize,
  mode,
  kind,
  selected,
  current,
  waitlist = true,
  onPick,
}: {
  slots: Slot[];
  partySize: number;
  mode: CapacityMode;
  kind?: VenueKind;
  selected?: string;
  /** The start of the booking being moved: shown as such, not offered. */
  current?: string;
  /** Whether a full slot offers its waitlist (a new booking) or is only full (a reschedule). */
  waitlist?: boolean;
  onPick: (slot: Slot, action: 'book' | 'waitlist') => void;
}) {
  const { t, i18n } = useTranslation();
  if (slots.length === 0) return <p className="empty">{t('availability.noSlots')}</p>;
  return (
    <ul className="slot-grid" aria-label={t('availability.slots')}>
      {slots.map((slot) => {
        const full = isFull(slot, partySize, mode);
        const yours = sameTime(slot.start, current);
        const time = formatTime(slot.start, i18n.language);
        const says = yours
          ? t('availability.yours')
          : slot.bookable
            ? t(remainingKey(mode, kind), { count: slot.remaining })
            : full
              ? waitlist
                ? `${t('availability.full')} · ${t('availability.waitlist')}`
                : t('availability.full')
              : t('availability.closed');
        return (
          <li key={slot.start}>
            <button
              type="button"
              className={[
                'slot',
                full && !yours ? 'is-full' : '',
                slot.start === selected ? 'is-current' : '',
                yours ? 'is-yours' : '',
              ]
                .filter(Boolean)
                .join(' ')}
              aria-pressed={slot.start === selected}
              aria-label={`${time} ${says}`}
              disabled={yours || (!slot.bookable && !(full && waitlist))}
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
