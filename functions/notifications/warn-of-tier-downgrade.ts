import { eventHandler } from '../../lib/events/consumer';
import { warnOfTierDowngrade } from '../../lib/notifications/milestones';

export const handler = eventHandler(
  {
    event: 'TierDowngradeScheduled',
    consumer: 'notifications.warnOfTierDowngrade',
    // The notice is keyed by the fact: a redelivery finds it written and its send claimed.
    idempotency: 'keyed-effect',
  },
  async ({ data, metadata }) => {
    await warnOfTierDowngrade(
      data.customerId,
      data.to,
      data.reviewOn,
      data.pointsToKeepTier,
      metadata.eventId,
    );
  },
);
