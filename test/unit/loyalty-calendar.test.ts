// Tier thresholds, lifetime-points milestones, and the programme months an account keeps.
import { describe, expect, it } from 'vitest';
import { monthsBefore } from '../../lib/calendar';
import { DEFAULT_LADDER, tierReached } from '../../lib/loyalty/tier-ladder-schema';
import { highestMilestoneReached, milestoneCrossed } from '../../lib/notifications/milestones';

describe('tierReached', () => {
  it('gives the highest tier whose threshold is reached', () => {
    expect(
      [0, 999, 1000, 4999, 5000, 20_000, 1e9].map((points) => tierReached(DEFAULT_LADDER, points).code),
    ).toEqual(['bronze', 'bronze', 'silver', 'silver', 'gold', 'platinum', 'platinum']);
  });
});

describe('highestMilestoneReached', () => {
  it('is the largest milestone at or below the lifetime total', () => {
    expect([999, 1000, 4999, 12_000].map(highestMilestoneReached)).toEqual([undefined, 1000, 1000, 10_000]);
    expect(milestoneCrossed(900, 1000)).toBe(true);
    expect(milestoneCrossed(1000, 1200)).toBe(false);
    expect(milestoneCrossed(0, 999)).toBe(false);
    expect(milestoneCrossed(4_000, 60_000)).toBe(true);
  });
});

describe('monthsBefore', () => {
  it('names the months older than the last N programme months, in Shanghai time', () => {
    const byMonth = { '2024-01': 1, '2025-10': 1, '2025-11': 1, '2026-11': 1 };
    // 2026-10-31 17:00 UTC is already November 1st in Shanghai: the last 13 months start at 2025-11.
    expect(monthsBefore(byMonth, 13, new Date('2026-10-31T17:00:00Z')).sort()).toEqual([
      '2024-01',
      '2025-10',
    ]);
    expect(monthsBefore(byMonth, 13, new Date('2026-10-31T15:00:00Z')).sort()).toEqual(['2024-01']);
    expect(monthsBefore(undefined, 13, new Date())).toEqual([]);
  });
});
