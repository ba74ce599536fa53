// Business dates are reckoned in the programme's time zone, not UTC.
import { describe, expect, it } from 'vitest';
import { programmeToday } from '../../lib/calendar';

describe('programmeToday', () => {
  it('is already tomorrow in Shanghai at 16:30 UTC', () => {
    expect(programmeToday(new Date('2026-11-10T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-11');
  });
  it('is still today in Shanghai at 15:59 UTC', () => {
    expect(programmeToday(new Date('2026-11-10T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-10');
  });
});
