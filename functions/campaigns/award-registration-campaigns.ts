import { awardRegistrationCampaigns } from '../../lib/campaigns/triggers';
import { eventHandler } from '../../lib/events/consumer';
import { logger } from '../../lib/observability';

export const handler = eventHandler(
  { event: 'CustomerRegistered', consumer: 'campaigns.awardRegistrationCampaigns' },
  async ({ data, metadata }) => {
    const results = await awardRegistrationCampaigns(data, metadata.correlationId);
    // The points account opens on the same event: until it is there, the retry brings the award.
    if (results.some((result) => result.outcome === 'no-points-account'))
      throw new Error(`No points account for ${data.customerId} yet`);
    if (results.length) logger.info('registration campaigns', { customerId: data.customerId, results });
  },
);
