import { PROGRAMME_TIME_ZONE } from '../calendar';

/** Default expiry: points expire at the end of the month, 12 months after the month they were earned in. */
export const EXPIRY_MONTHS = 12;

function yearMonthIn(date: Date, timeZone: string): [number, number] {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(date);
  return [
    Number(parts.find((p) => p.type === 'year')!.value),
    Number(parts.find((p) => p.type === 'month')!.value),
  ];
}

/**
 * The lot points earned at `earnedAt` belong to: their expiry month (YYYY-MM, programme time zone).
 * Bucketing by expiry month keeps a member's live lots to about a dozen.
 */
export function expiryMonthOf(earnedAt: Date, timeZone = PROGRAMME_TIME_ZONE): string {
  const [year, month] = yearMonthIn(earnedAt, timeZone);
  const index = year * 12 + (month - 1) + EXPIRY_MONTHS;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
