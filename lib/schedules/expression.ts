import { CronExpressionParser } from 'cron-parser';

export type ParsedSchedule = { kind: 'rate'; everyMs: number } | { kind: 'cron'; fields: string };

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export class InvalidScheduleError extends Error {
  constructor(expression: string, reason: string) {
    super(`Schedule ${expression}: ${reason}`);
    this.name = 'InvalidScheduleError';
  }
}

/** EventBridge numbers days of week 1-7 from Sunday; cron-parser numbers them 0-6. */
function toCronParserDayOfWeek(field: string): string {
  return field === '?' ? '*' : field.replace(/\d+/g, (day) => String(Number(day) - 1));
}

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
  const fields = [
    minute,
    hour,
    dayOfMonth === '?' ? '*' : dayOfMonth,
    month,
    toCronParserDayOfWeek(dayOfWeek),
  ].join(' ');
  try {
    CronExpressionParser.parse(fields, { tz: 'UTC' });
  } catch (error) {
    throw new InvalidScheduleError(expression, (error as Error).message);
  }
  return { kind: 'cron', fields };
}

/** The next time the schedule fires after `from`. */
export function nextFireTime(schedule: ParsedSchedule, from: Date): Date {
  if (schedule.kind === 'rate') return new Date(from.getTime() + schedule.everyMs);
  return CronExpressionParser.parse(schedule.fields, { tz: 'UTC', currentDate: from }).next().toDate();
}

/** The latest time a cron schedule fired at or before `at`, reckoning its fields in the given time zone. */
export function latestFireTime(
  schedule: Extract<ParsedSchedule, { kind: 'cron' }>,
  at: Date,
  timeZone: string,
): Date {
  return CronExpressionParser.parse(schedule.fields, {
    tz: timeZone,
    currentDate: new Date(at.getTime() + 1),
  })
    .prev()
    .toDate();
}
