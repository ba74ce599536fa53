import { addDays, daysBetween } from '@sbm/web-shared/format';

/** The longest period the dashboard reads (one call a day). */
export const MAX_PERIOD_DAYS = 92;
export const PRESETS = [7, 30, 90] as const;
export const DEFAULT_PRESET = 30;

export interface Period {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The last `days` days up to today, both included. */
export const lastDays = (today: string, days: number): Period => ({
  from: addDays(today, 1 - days),
  to: today,
});

/**
 * The period the URL asks for (?from=&to=), if it is a real one: in order, not after today, at most
 * `maxDays` long; otherwise the last 30 days.
 */
export function periodFromSearch(search: URLSearchParams, today: string, maxDays = MAX_PERIOD_DAYS): Period {
  const from = search.get('from');
  const to = search.get('to');
  if (from && to && DAY.test(from) && DAY.test(to) && from <= to && to <= today) {
    const days = daysBetween(from, to);
    // A day that does not exist (02-30) comes back as another.
    if (days.length <= maxDays && days[0] === from && days.at(-1) === to) return { from, to };
  }
  return lastDays(today, DEFAULT_PRESET);
}

/** Which preset a period is, if it is one. */
export const presetOf = (period: Period, today: string) =>
  period.to === today ? PRESETS.find((days) => lastDays(today, days).from === period.from) : undefined;
