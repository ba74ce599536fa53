// Lot expiry months and tier thresholds, reckoned in the programme's time zone.
import { describe, expect, it } from 'vitest';
import { expiryMonthOf } from '../../lib/loyalty/expiry';
import { tierForQualifyingPoints } from '../../lib/loyalty/tiers';
import { highestMilestoneReached } from '../../lib/notifications/milestones';

describe('expiryMonthOf', () => {
  it('puts points in the lot that expires at the end of the month 12 months on', () => {
    expect(expiryMonthOf(new Date('2026-11-11T02:00:00Z'), 'Asia/Shanghai')).toBe('2027-11');
    expect(expiryMonthOf(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2028-01');
    expect(expiryMonthOf(new Date('2026-12-31T16:00:00Z'), 'UTC')).toBe('2027-12');
  });
});

describe('tierForQualifyingPoints', () => {
  it('gives the highest tier whose threshold is reached', () => {
    expect([0, 999, 1000, 4999, 5000, 20_000, 1e9].map(tierForQualifyingPoints)).toEqual([
      'bronze',
      'bronze',
      'silver',
      'silver',
      'gold',
      'platinum',
      'platinum',
    ]);
  });
});

describe('highestMilestoneReached', () => {
  it('is the largest milestone at or below the lifetime total', () => {
    expect([999, 1000, 4999, 12_000].map(highestMilestoneReached)).toEqual([undefined, 1000, 1000, 10_000]);
  });
});
