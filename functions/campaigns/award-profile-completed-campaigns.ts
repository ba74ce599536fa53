import { awardProfileCompletedCampaigns } from '../../lib/campaigns/triggers';
import { eventHandler } from '../../lib/events/consumer';
import { logger } from '../../lib/observability';

export const handler = eventHandler(
  { event: 'ProfileCompleted', consumer: 'campaigns.awardProfileCompletedCampaigns' },
  async ({ data, metadata }) => {
    const results = await awardProfileCompletedCampaigns(data, metadata.correlationId);
    if (results.length) logger.info('profile campaigns', { customerId: data.customerId, results });
  },
);
