import { eventHandler } from '../../lib/events/consumer';
import { remindOfExpiringPoints } from '../../lib/notifications/milestones';

export const handler = eventHandler(
  { event: 'PointsExpiring', consumer: 'notifications.remindExpiringPoints' },
  async ({ data }) => {
    await remindOfExpiringPoints(data.customerId, data.points, data.lot, data.expiresAt);
  },
);
