import { eventHandler } from '../../lib/events/consumer';
import { getPointsAccount } from '../../lib/loyalty/accounts';
import { congratulateOnPoints, highestMilestoneReached } from '../../lib/notifications/milestones';

export const handler = eventHandler(
  { event: 'PointsEarned', consumer: 'notifications.celebratePointsMilestones' },
  async ({ data }) => {
    const account = await getPointsAccount(data.customerId);
    const milestone = account && highestMilestoneReached(account.lifetimeEarned);
    // Keyed per milestone, so it is celebrated once however many credits see it reached.
    if (milestone) await congratulateOnPoints(data.customerId, milestone);
  },
);
