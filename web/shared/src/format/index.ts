/** The programme's time zone: business days, and every time staff read. */
export const PROGRAMME_TIME_ZONE = 'Asia/Shanghai';

const grouped = new Map<string, Intl.NumberFormat>();
const numberFormat = (locale: string) => {
  let format = grouped.get(locale);
  if (!format) grouped.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return format;
};

/**
 * An amount in fen as yuan, with the ¥ sign and two decimals in every language: 1234567 → ¥12,345.67.
 * Computed in integers, so no fen is lost to floating point.
 */
export function formatMoney(fen: number, locale: string): string {
  if (!Number.isFinite(fen)) return '—';
  const whole = Math.round(fen);
  const sign = whole < 0 ? '-' : '';
  const absolute = Math.abs(whole);
  const yuan = Math.floor(absolute / 100);
  const cents = String(absolute % 100).padStart(2, '0');
  return `${sign}¥${numberFormat(locale).format(yuan)}.${cents}`;
}

/** A count (points, purchases) with the language's grouping. */
export const formatCount = (value: number, locale: string) =>
  Number.isFinite(value) ? numberFormat(locale).format(value) : '—';

/** A moment as staff in the malls read it: in Shanghai time, whatever the browser's zone. */
export function formatDateTime(iso: string | Date, locale: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone: PROGRAMME_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** The business day (YYYY-MM-DD, Shanghai) a moment falls on. */
export const businessDayOf = (moment: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_TIME_ZONE }).format(moment);

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayToUtc = (day: string) => {
  const match = DAY.exec(day);
  if (!match) throw new Error(`Not a day: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
};
const utcToDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The day `days` after (or before, when negative) a day. */
export const addDays = (day: string, days: number) => utcToDay(dayToUtc(day) + days * 86_400_000);

/** Every day from `from` to `to`, both included, in order. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = dayToUtc(from), end = dayToUtc(to); at <= end; at += 86_400_000) days.push(utcToDay(at));
  return days;
}

/** A business day as a short label: 12月6日, Dec 6. */
export const formatDay = (day: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(dayToUtc(day));

/** A wait as people say it: "45 秒", "3 minutes", "2 hours" (rounded up, never 0). */
export function formatWait(seconds: number, locale: string): string {
  const [value, unit] =
    seconds < 60
      ? [Math.max(1, Math.ceil(seconds)), 'second']
      : seconds < 3600
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.ceil(seconds / 3600), 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
