// Money, counts, times and days as staff read them: yuan from fen, Shanghai time whatever the browser's zone.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  businessDayOf,
  daysBetween,
  formatCount,
  formatDateTime,
  formatDay,
  formatMoney,
  formatWait,
} from '.';

describe('money', () => {
  it('shows fen as yuan with the ¥ sign and two decimals in both languages', () => {
    expect(formatMoney(12_800, 'zh-CN')).toBe('¥128.00');
    expect(formatMoney(12_800, 'en-US')).toBe('¥128.00');
    expect(formatMoney(65_805_705, 'zh-CN')).toBe('¥658,057.05');
    expect(formatMoney(5, 'en-US')).toBe('¥0.05');
    expect(formatMoney(0, 'zh-CN')).toBe('¥0.00');
  });

  it('puts the sign of a negative amount before the ¥', () => {
    expect(formatMoney(-1_050, 'en-US')).toBe('-¥10.50');
  });

  it('loses no fen on amounts floating point cannot hold as yuan', () => {
    expect(formatMoney(900_719_925_474_099, 'en-US')).toBe('¥9,007,199,254,740.99');
  });

  it('shows a dash for what is not a number', () => {
    expect(formatMoney(Number.NaN, 'zh-CN')).toBe('—');
    expect(formatCount(Number.POSITIVE_INFINITY, 'zh-CN')).toBe('—');
  });

  it('groups counts by the language', () => {
    expect(formatCount(984_785, 'en-US')).toBe('984,785');
  });
});

describe('times and business days', () => {
  it('shows a moment in Shanghai time', () => {
    expect(formatDateTime('2026-12-06T16:30:00Z', 'zh-CN')).toBe('2026/12/07 00:30');
    expect(formatDateTime('2026-12-06T16:30:00Z', 'en-US')).toBe('12/07/2026, 00:30');
  });

  it('reckons the business day in Shanghai: 16:00 UTC is already tomorrow', () => {
    expect(businessDayOf(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
    expect(businessDayOf(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12-07');
  });

  it('counts days across month ends and a leap day', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2027-12-30', '2028-01-02')).toEqual([
      '2027-12-30',
      '2027-12-31',
      '2028-01-01',
      '2028-01-02',
    ]);
    expect(daysBetween('2026-12-07', '2026-12-06')).toEqual([]);
  });

  it('labels a day shortly in each language', () => {
    expect(formatDay('2026-12-06', 'zh-CN')).toBe('12月6日');
    expect(formatDay('2026-12-06', 'en-US')).toBe('Dec 6');
  });

  it('says a wait as people do, rounded up', () => {
    expect(formatWait(45, 'en-US')).toBe('45 seconds');
    expect(formatWait(125, 'en-US')).toBe('3 minutes');
    expect(formatWait(125, 'zh-CN')).toBe('3分钟');
    expect(formatWait(3601, 'en-US')).toBe('2 hours');
    expect(formatWait(0.2, 'en-US')).toBe('1 second');
  });
});
