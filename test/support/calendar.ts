import { programmeToday } from '../../lib/calendar';
import { startOfLocalDay } from '../../lib/loyalty/lots';

/**
 * Dates for tests, reckoned from the clock in the programme's time zone, so a test means the same on any
 * day it runs (the suite is also run with the clock moved: test/support/moved-clocks.sh).
 */

const todayParts = (at: Date) => programmeToday(at).split('-').map(Number) as [number, number, number];

/** The first moment of the programme month `months` away from the month of `at` (negative: earlier). */
export function programmeMonthStart(months: number, at = new Date()): Date {
  const [year, month] = todayParts(at);
  const index = year * 12 + (month - 1) + months;
  return startOfLocalDay(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** The first moment of the programme day `days` away from the day of `at`. */
export function programmeDayStart(days: number, at = new Date()): Date {
  const [year, month, day] = todayParts(at);
  return startOfLocalDay(year, month, day + days);
}

/** The Saturday of the latest programme week that has ended (Monday to Sunday) before `at`. */
export function lastWeekendSaturday(at = new Date()): Date {
  const [year, month, day] = todayParts(at);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
  return startOfLocalDay(year, month, day - weekday - 1);
}

/** `at` moved by whole hours (or minutes, with fractions). */
export const hoursAfter = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);
