// Tier thresholds and lifetime-points milestones.
import { describe, expect, it } from 'vitest';
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
