// EventBridge schedule expressions, as the local scheduler reads them.
import { describe, expect, it } from 'vitest';
import {
  InvalidScheduleError,
  latestFireTime,
  nextFireTime,
  parseScheduleExpression,
} from '../../lib/schedules/expression';

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

  it('reads ranges, lists, steps and day names as EventBridge does', () => {
    const fires = (expression: string, from: string, count: number) => {
      const schedule = parseScheduleExpression(expression);
      const times: string[] = [];
      for (let at = new Date(from); times.length < count;) {
        at = nextFireTime(schedule, at);
        times.push(at.toISOString());
      }
      return times;
    };
    // 2-6 are Monday to Friday; 2026-11-27 is a Friday.
    expect(fires('cron(30 9 ? * 2-6 *)', '2026-11-27T10:00:00Z', 2)).toEqual([
      '2026-11-30T09:30:00.000Z',
      '2026-12-01T09:30:00.000Z',
    ]);
    expect(fires('cron(0 8 ? * SAT,SUN *)', '2026-11-27T00:00:00Z', 2)).toEqual([
      '2026-11-28T08:00:00.000Z',
      '2026-11-29T08:00:00.000Z',
    ]);
    expect(fires('cron(0/20 12 1 1,7 ? *)', '2026-11-27T00:00:00Z', 4)).toEqual([
      '2027-01-01T12:00:00.000Z',
      '2027-01-01T12:20:00.000Z',
      '2027-01-01T12:40:00.000Z',
      '2027-07-01T12:00:00.000Z',
    ]);
  });

  it('finds the latest firing at or before an instant, in the programme time zone', () => {
    const schedule = parseScheduleExpression('cron(0 10 ? * 2 *)');
    if (schedule.kind !== 'cron') throw new Error('expected a cron schedule');
    // Mondays 10:00 in Shanghai are 02:00 UTC; 2026-11-30 is a Monday.
    expect(latestFireTime(schedule, new Date('2026-11-30T02:00:00Z'), 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-30T02:00:00.000Z',
    );
    expect(
      latestFireTime(schedule, new Date('2026-11-30T01:59:59.999Z'), 'Asia/Shanghai').toISOString(),
    ).toBe('2026-11-23T02:00:00.000Z');
  });

  it.each([
    'cron(61 1 * * ? *)',
    'cron(0 24 * * ? *)',
    'cron(0 1 32 * ? *)',
    'cron(0 1 * 13 ? *)',
    'cron(0 1 ? * 0 *)',
    'cron(0 1 ? * 8 *)',
    'cron(0 1 ? * 2#1 *)',
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
