import { liveCampaigns } from '../../lib/campaigns/store';
import { awardPurchaseCampaigns, recordParticipantRevenue } from '../../lib/campaigns/triggers';
import { eventHandler } from '../../lib/events/consumer';
import { logger } from '../../lib/observability';
import { recordBusinessMetric } from '../../lib/observability/record-business-metric';

export const handler = eventHandler(
  {
    event: 'PurchaseRecorded',
    consumer: 'campaigns.awardPurchaseCampaigns',
    // With no campaign running at the sale's time there is nothing to award or count (the list is reused).
    appliesTo: async ({ data }) => (await liveCampaigns(new Date(data.occurredAt).toISOString())).length > 0,
  },
  async ({ data, metadata }) => {
    const results = await awardPurchaseCampaigns(data, metadata.correlationId);
    await recordParticipantRevenue(data);
    const awarded = results.filter((result) => result.outcome === 'awarded');
    recordBusinessMetric('CampaignAwards', awarded.length);
    if (results.length) logger.info('purchase campaigns', { transactionId: data.transactionId, results });
  },
);
