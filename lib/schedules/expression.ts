import { Cron } from 'croner';

export type ParsedSchedule = { kind: 'rate'; everyMs: number } | { kind: 'cron'; fields: string };

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export class InvalidScheduleError extends Error {
  constructor(expression: string, reason: string) {
    super(`Schedule ${expression}: ${reason}`);
    this.name = 'InvalidScheduleError';
  }
}

/**
 * A cron schedule's five fields read in a time zone. EventBridge numbers days of week 1-7 from Sunday,
 * which croner calls alternative weekdays, and steps from a number (`0/20`), which croner calls sloppy
 * ranges. The job is only read, never started.
 */
const cronIn = (fields: string, timezone: string) =>
  new Cron(fields, { timezone, alternativeWeekdays: true, sloppyRanges: true, paused: true });

/**
 * Parses an EventBridge schedule expression: `rate(5 minutes)` or `cron(min hour dom month dow year)`,
 * in UTC. Years other than `*` are refused rather than ignored.
 */
export function parseScheduleExpression(expression: string): ParsedSchedule {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const amount = Number(rate[1]);
    const unit = rate[2]!.replace(/s$/, '');
    if (amount < 1) throw new InvalidScheduleError(expression, 'the rate must be positive');
    if ((amount === 1) !== (rate[2] === unit))
      throw new InvalidScheduleError(expression, 'use "1 minute" or "N minutes"');
    return { kind: 'rate', everyMs: amount * RATE_UNITS[unit]! };
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (!cron) throw new InvalidScheduleError(expression, 'expected rate(...) or cron(...)');
  const parts = cron[1]!.trim().split(/\s+/);
  if (parts.length !== 6) throw new InvalidScheduleError(expression, 'cron takes six fields');
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (year !== '*') throw new InvalidScheduleError(expression, 'only * is supported for the year');
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new InvalidScheduleError(expression, 'exactly one of day-of-month and day-of-week must be ?');
  }
  if (/[LW#]/.test(dayOfMonth + dayOfWeek))
    throw new InvalidScheduleError(expression, 'L, W and # are not supported');
  if ((dayOfWeek.match(/\d+/g) ?? []).some((day) => Number(day) < 1 || Number(day) > 7))
    throw new InvalidScheduleError(expression, 'days of week are 1-7 (SUN-SAT)');
  const fields = [
    minute,
    hour,
    dayOfMonth === '?' ? '*' : dayOfMonth,
    month,
    dayOfWeek === '?' ? '*' : dayOfWeek,
  ].join(' ');
  try {
    cronIn(fields, 'UTC');
  } catch (error) {
    throw new InvalidScheduleError(expression, (error as Error).message);
  }
  return { kind: 'cron', fields };
}

/** The next time the schedule fires after `from`. */
export function nextFireTime(schedule: ParsedSchedule, from: Date): Date {
  if (schedule.kind === 'rate') return new Date(from.getTime() + schedule.everyMs);
  const next = cronIn(schedule.fields, 'UTC').nextRun(from);
  if (!next) throw new InvalidScheduleError(schedule.fields, 'never fires');
  return next;
}

/** The latest time a cron schedule fired at or before `at`, reckoning its fields in the given time zone. */
export function latestFireTime(
  schedule: Extract<ParsedSchedule, { kind: 'cron' }>,
  at: Date,
  timeZone: string,
): Date {
  const [latest] = cronIn(schedule.fields, timeZone).previousRuns(1, new Date(at.getTime() + 1));
  if (!latest) throw new InvalidScheduleError(schedule.fields, 'never fired');
  return latest;
}
