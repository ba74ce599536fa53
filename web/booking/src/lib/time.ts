import { addDays, businessDayOf, PROGRAMME_TIME_ZONE } from '@sbm/web-shared/format';

/**
 * The member's clock, in milliseconds: screens take it as a prop that tests replace. One function for
 * every render, as a new default each render would restart the effects that depend on it.
 */
export const systemClock = () => Date.now();

/** The venues' time zone: the API gives slot times with its offset (+08:00), members read them there. */
const clock = new Map<string, Intl.DateTimeFormat>();
const formatter = (locale: string, options: Intl.DateTimeFormatOptions) => {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = clock.get(key);
  if (!format)
    clock.set(key, (format = new Intl.DateTimeFormat(locale, { timeZone: PROGRAMME_TIME_ZONE, ...options })));
  return format;
};

/** 14:00, in Shanghai. */
export const formatTime = (iso: string, locale: string) =>
  formatter(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** 12月12日 周六 14:00 / Sat, Dec 12, 14:00. */
export const formatWhen = (iso: string, locale: string) =>
  formatter(locale, {
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

/** The `count` days from the day `now` falls on in Shanghai, that day first (YYYY-MM-DD). */
export const nextDays = (now: Date, count: number) => {
  const today = businessDayOf(now);
  return Array.from({ length: count }, (_, index) => addDays(today, index));
};

/** A day's weekday, short: 周六 / Sat. */
export const formatWeekday = (day: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' }).format(new Date(`${day}T00:00:00Z`));

/** A countdown as m:ss (or h:mm:ss), never below 0:00. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
