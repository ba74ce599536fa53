import { awardCustomEventCampaigns } from '../../lib/campaigns/triggers';
import { eventHandler } from '../../lib/events/consumer';
import { logger } from '../../lib/observability';

export const handler = eventHandler(
  { event: 'CustomEventRecorded', consumer: 'campaigns.awardCustomEventCampaigns' },
  async ({ data, metadata }) => {
    const results = await awardCustomEventCampaigns(data, metadata.correlationId);
    if (results.length) logger.info('custom-event campaigns', { name: data.name, results });
  },
);
