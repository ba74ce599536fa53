import { eventHandler } from '../../lib/events/consumer';
import { getPointsAccount } from '../../lib/loyalty/accounts';
import {
  congratulateOnPoints,
  highestMilestoneReached,
  milestoneCrossed,
} from '../../lib/notifications/milestones';

export const handler = eventHandler(
  {
    event: 'PointsEarned',
    consumer: 'notifications.celebratePointsMilestones',
    // A purchase's event carries the exact lifetime total: only a credit that crossed a milestone matters.
    // Events without it (campaign bonuses) are checked against the account.
    appliesTo: ({ data }) =>
      data.lifetimeEarned === undefined ||
      milestoneCrossed(data.lifetimeEarned - data.points, data.lifetimeEarned),
    // Keyed per milestone: celebrated once however many credits, or redeliveries, see it reached.
    idempotency: 'keyed-effect',
  },
  async ({ data }) => {
    const lifetimeEarned = data.lifetimeEarned ?? (await getPointsAccount(data.customerId))?.lifetimeEarned;
    const milestone = lifetimeEarned !== undefined && highestMilestoneReached(lifetimeEarned);
    if (milestone) await congratulateOnPoints(data.customerId, milestone);
  },
);
