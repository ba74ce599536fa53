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
  },
  async ({ data }) => {
    const account = await getPointsAccount(data.customerId);
    const milestone = account && highestMilestoneReached(account.lifetimeEarned);
    // Keyed per milestone, so it is celebrated once however many credits see it reached.
    if (milestone) await congratulateOnPoints(data.customerId, milestone);
  },
);
