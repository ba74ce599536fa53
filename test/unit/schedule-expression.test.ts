// EventBridge schedule expressions, as the local scheduler reads them.
import { describe, expect, it } from 'vitest';
import { InvalidScheduleError, nextFireTime, parseScheduleExpression } from '../../lib/schedules/expression';

describe('schedule expressions', () => {
  it('reads rates', () => {
    expect(parseScheduleExpression('rate(15 minutes)')).toEqual({ kind: 'rate', everyMs: 900_000 });
    expect(parseScheduleExpression('rate(1 day)')).toEqual({ kind: 'rate', everyMs: 86_400_000 });
  });

  it('fires a daily cron at its UTC time', () => {
    const schedule = parseScheduleExpression('cron(0 16 * * ? *)');
    expect(nextFireTime(schedule, new Date('2026-11-10T17:00:00Z')).toISOString()).toBe(
      '2026-11-11T16:00:00.000Z',
    );
  });

  it('numbers days of week from Sunday as EventBridge does', () => {
    const mondays = parseScheduleExpression('cron(0 1 ? * 2 *)');
    expect(nextFireTime(mondays, new Date('2026-11-25T00:00:00Z')).toISOString()).toBe(
      '2026-11-30T01:00:00.000Z',
    );
  });

  it.each([
    'rate(0 minutes)',
    'rate(1 minutes)',
    'cron(0 1 * * * *)',
    'cron(0 1 * * ? 2027)',
    'cron(0 1 L * ? *)',
    'every day',
  ])('refuses %s', (expression) => {
    expect(() => parseScheduleExpression(expression)).toThrow(InvalidScheduleError);
  });
});
