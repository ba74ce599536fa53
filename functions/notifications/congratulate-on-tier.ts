import { eventHandler } from '../../lib/events/consumer';
import { congratulateOnTier } from '../../lib/notifications/milestones';

export const handler = eventHandler(
  {
    event: 'TierChanged',
    consumer: 'notifications.congratulateOnTier',
    // The notice is keyed by the fact: a redelivery finds it written and its send claimed.
    idempotency: 'keyed-effect',
  },
  async ({ data, metadata }) => {
    if (data.to !== data.from) await congratulateOnTier(data.customerId, data.to, metadata.eventId);
  },
);
