import { dateTimeFormat, localDateParts, startOfLocalDay } from '../calendar';
import { closingMinute, openingMinute, WEEKDAYS, type Venue, type Weekday } from './model';

/**
 * The pure rules of a venue's calendar: which slots a local day has, which day an instant falls on, and
 * whether a start is inside the booking window. Time is always a parameter.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface Slot {
  /** UTC instants. */
  start: Date;
  end: Date;
  /** The local date of the slot's start at the venue. */
  day: string;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDayOf(instant: Date, timeZone: string): string {
  const { year, month, day } = localDateParts(instant, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A calendar date `days` later (or earlier), by the proleptic Gregorian calendar. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a YYYY-MM-DD string names a real date (not 2027-02-30). */
export function isCalendarDate(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  return addDays(day, 0) === day;
}

export function weekdayOf(day: string): Weekday {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  // getUTCDay: 0 is Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7]!;
}

/** The opening periods of a local day: none on a closed date, a special day's own, else its weekday's. */
export function openingPeriodsOf(venue: Pick<Venue, 'hours' | 'closedDates' | 'specialHours'>, day: string) {
  if (venue.closedDates.includes(day)) return [];
  return venue.specialHours[day] ?? venue.hours[weekdayOf(day)];
}

/**
 * The slots of a local day: each opening period cut into slots of the venue's length from its opening,
 * a last part shorter than a slot left out.
 */
export function slotsOfDay(
  venue: Pick<Venue, 'hours' | 'closedDates' | 'specialHours' | 'slotMinutes' | 'timeZone'>,
  day: string,
): Slot[] {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const midnight = startOfLocalDay(year, month, date, venue.timeZone).getTime();
  const slots: Slot[] = [];
  for (const period of openingPeriodsOf(venue, day)) {
    const close = closingMinute(period);
    for (
      let minute = openingMinute(period);
      minute + venue.slotMinutes <= close;
      minute += venue.slotMinutes
    ) {
      slots.push({
        start: new Date(midnight + minute * MINUTE_MS),
        end: new Date(midnight + (minute + venue.slotMinutes) * MINUTE_MS),
        day,
      });
    }
  }
  return slots;
}

/** The slot that starts at this instant, if the venue has one. */
export function slotStartingAt(
  venue: Pick<Venue, 'hours' | 'closedDates' | 'specialHours' | 'slotMinutes' | 'timeZone'>,
  start: Date,
): Slot | undefined {
  const day = localDayOf(start, venue.timeZone);
  return slotsOfDay(venue, day).find((slot) => slot.start.getTime() === start.getTime());
}

export type WindowRefusal = 'too-soon' | 'too-far' | 'past';

/**
 * Whether a slot may be booked at `now`: not started, at least the minimum notice ahead, and on a local day
 * no later than today plus the maximum advance (a whole day opens at the venue's midnight).
 */
export function bookingWindowRefusal(
  venue: Pick<Venue, 'minNoticeMinutes' | 'maxAdvanceDays' | 'timeZone'>,
  slot: Pick<Slot, 'start' | 'day'>,
  now: Date,
): WindowRefusal | undefined {
  if (slot.start.getTime() <= now.getTime()) return 'past';
  if (slot.start.getTime() < now.getTime() + venue.minNoticeMinutes * MINUTE_MS) return 'too-soon';
  if (slot.day > addDays(localDayOf(now, venue.timeZone), venue.maxAdvanceDays)) return 'too-far';
  return undefined;
}

/** A cancellation is late once the free-cancellation period before the start has begun. */
export const isLateCancellation = (venue: Pick<Venue, 'freeCancellationMinutes'>, start: Date, now: Date) =>
  now.getTime() > start.getTime() - venue.freeCancellationMinutes * MINUTE_MS;

/** An instant as ISO 8601 with the time zone's offset, `2026-12-07T10:00:00+08:00`, for members' screens. */
export function isoWithOffset(instant: Date, timeZone: string): string {
  const parts = dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)!.value;
  const local = `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
  const offsetMinutes = Math.round(
    (Date.parse(`${local}Z`) - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE_MS,
  );
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
