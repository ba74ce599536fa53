import * as z from '../zod';
import { lazyEnv } from '../config';
import { tierLadder } from '../loyalty/tier-store';
import type { TierCode } from '../loyalty/tiers';

/** Tier names as staff configured them. */
const tierName = async (code: TierCode) =>
  (await tierLadder()).find((tier) => tier.code === code)?.name ?? code;
import { programmeToday } from '../calendar';
import { notifyMember } from './notify';
import { lazySchema } from '../lazy-schema';

const env = lazyEnv({ WECHAT_TEMPLATE_MILESTONE: lazySchema(() => z.string().check(z.minLength(1))) });

/** Lifetime points totals worth celebrating. */
export const POINTS_MILESTONES = [1_000, 5_000, 10_000, 50_000, 100_000];

/**
 * The highest milestone a lifetime total has reached. Celebrating that one (once, by its keyed notice)
 * needs no before/after snapshot, which concurrent credits would make unreliable.
 */
export function highestMilestoneReached(lifetimeEarned: number): number | undefined {
  return POINTS_MILESTONES.filter((milestone) => milestone <= lifetimeEarned).at(-1);
}

/** Whether going from one lifetime total to another reaches a milestone not reached before. */
export const milestoneCrossed = (before: number, after: number) =>
  (highestMilestoneReached(after) ?? 0) > (highestMilestoneReached(before) ?? 0);

export async function congratulateOnTier(customerId: string, tier: TierCode, eventId: string) {
  const name = await tierName(tier);
  return notifyMember(customerId, {
    id: eventId,
    kind: 'tier-changed',
    title: `You are now ${name}`,
    body: `Congratulations: your purchases made you a ${name} member. Enjoy your new benefits.`,
    templateId: env().WECHAT_TEMPLATE_MILESTONE,
    detail: `${name} member`,
  });
}

export function congratulateOnPoints(customerId: string, milestone: number) {
  return notifyMember(customerId, {
    id: `milestone-points-${milestone}`,
    kind: 'points-milestone',
    title: `${milestone.toLocaleString('en')} points earned`,
    body: `You have earned ${milestone.toLocaleString('en')} points with us. Thank you for shopping at our malls.`,
    templateId: env().WECHAT_TEMPLATE_MILESTONE,
    detail: `${milestone} points`,
  });
}

export function remindOfExpiringPoints(customerId: string, points: number, lot: string, expiresAt: string) {
  const day = programmeToday(new Date(new Date(expiresAt).getTime() - 1));
  return notifyMember(customerId, {
    id: `expiry-reminder-${lot}`,
    kind: 'points-expiring',
    title: `${points} points expire soon`,
    body: `${points} of your points expire at the end of ${day}. Redeem them for a reward before then.`,
    templateId: env().WECHAT_TEMPLATE_MILESTONE,
    detail: `${points} points by ${day}`,
  });
}

export async function warnOfTierDowngrade(
  customerId: string,
  to: TierCode,
  reviewOn: string,
  pointsToKeep: number,
  eventId: string,
) {
  const name = await tierName(to);
  return notifyMember(customerId, {
    id: eventId,
    kind: 'tier-downgrade-notice',
    title: 'Keep your tier',
    body: `Earn ${pointsToKeep} more qualifying points by ${reviewOn} to keep your tier; otherwise you will move to ${name}.`,
    templateId: env().WECHAT_TEMPLATE_MILESTONE,
    detail: `${pointsToKeep} points by ${reviewOn}`,
  });
}
