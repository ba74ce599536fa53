// Lots and expiry: buckets and dates in Asia/Shanghai, and soonest-expiry-first consumption.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lotFor, planConsumption, pointsExpiringWithin, type LotBalance } from '../../lib/loyalty/lots';

const at = (iso: string) => new Date(iso);

describe('lotFor', () => {
  it('expires at the end of the month 12 months on, Shanghai time', () => {
    expect(lotFor(at('2026-11-11T02:00:00Z'))).toEqual({
      bucket: '2027-11',
      expiresAt: '2027-11-30T16:00:00.000Z',
    });
    // 31 Dec 23:59 UTC is already 1 Jan in Shanghai.
    expect(lotFor(at('2026-12-31T16:30:00Z'))).toEqual({
      bucket: '2028-01',
      expiresAt: '2028-01-31T16:00:00.000Z',
    });
  });

  it('handles leap years: points earned in February 2027 expire at the end of February 2028 (29 days)', () => {
    expect(lotFor(at('2027-02-10T00:00:00Z'))).toEqual({
      bucket: '2028-02',
      expiresAt: '2028-02-29T16:00:00.000Z',
    });
  });

  it('supports end of year, after N days and never', () => {
    expect(lotFor(at('2026-06-01T00:00:00Z'), { mode: 'end-of-year' })).toEqual({
      bucket: '2026-12',
      expiresAt: '2026-12-31T16:00:00.000Z',
    });
    expect(lotFor(at('2028-02-28T12:00:00Z'), { mode: 'after-days', days: 1 })).toEqual({
      bucket: '2028-02-29',
      expiresAt: '2028-02-29T16:00:00.000Z',
    });
    expect(lotFor(at('2026-06-01T00:00:00Z'), { mode: 'never' }).bucket).toBe('never');
  });
});

describe('planConsumption', () => {
  const now = at('2026-11-25T00:00:00Z');
  const lots: LotBalance[] = [
    { bucket: '2027-03', expiresAt: '2027-03-31T16:00:00.000Z', remaining: 50 },
    { bucket: '2026-12', expiresAt: '2026-12-31T16:00:00.000Z', remaining: 30 },
    { bucket: '2026-10', expiresAt: '2026-10-31T16:00:00.000Z', remaining: 99 },
  ];

  it('takes the soonest-expiring live lot first and skips expired ones', () => {
    expect(planConsumption(lots, 40, now)).toEqual([
      { bucket: '2026-12', take: 30 },
      { bucket: '2027-03', take: 10 },
    ]);
    expect(planConsumption(lots, 81, now)).toBeUndefined();
  });

  it('never takes more than a lot holds, and takes exactly the amount asked when it can', () => {
    const lot = fc.record({
      bucket: fc.string(),
      expiresAt: fc
        .date({ min: new Date('2026-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      remaining: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(lot, { maxLength: 8 }), fc.integer({ min: 1, max: 5000 }), (generated, points) => {
        const unique = generated.map((l, i) => ({ ...l, bucket: `b${i}` }));
        const plan = planConsumption(unique, points, now);
        const live = unique
          .filter((l) => l.expiresAt > now.toISOString())
          .reduce((s, l) => s + l.remaining, 0);
        if (!plan) return live < points;
        const byBucket = new Map(unique.map((l) => [l.bucket, l]));
        return (
          plan.reduce((s, p) => s + p.take, 0) === points &&
          plan.every((p) => p.take > 0 && p.take <= byBucket.get(p.bucket)!.remaining)
        );
      }),
    );
  });

  it('counts points expiring within 30 days', () => {
    expect(pointsExpiringWithin(lots, now, 30)).toBe(0);
    expect(pointsExpiringWithin(lots, now, 40)).toBe(30);
  });
});
