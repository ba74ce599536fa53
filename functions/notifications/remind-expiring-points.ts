import { eventHandler } from '../../lib/events/consumer';
import { remindOfExpiringPoints } from '../../lib/notifications/milestones';

export const handler = eventHandler(
  {
    event: 'PointsExpiring',
    consumer: 'notifications.remindExpiringPoints',
    // The notice is keyed by the fact: a redelivery finds it written and its send claimed.
    idempotency: 'keyed-effect',
  },
  async ({ data }) => {
    await remindOfExpiringPoints(data.customerId, data.points, data.lot, data.expiresAt);
  },
);
