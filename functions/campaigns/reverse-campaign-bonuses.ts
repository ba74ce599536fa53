import { reverseCampaignBonuses } from '../../lib/campaigns/triggers';
import { eventHandler } from '../../lib/events/consumer';
import { logger } from '../../lib/observability';

export const handler = eventHandler(
  { event: 'PointsReversed', consumer: 'campaigns.reverseCampaignBonuses' },
  async ({ data, metadata }) => {
    // Reversals of campaign bonuses are this consumer's own doing: only sales' reversals concern it.
    if (data.campaignId) return;
    const points = await reverseCampaignBonuses(data, metadata.correlationId);
    if (points > 0) logger.info('campaign bonuses reversed', { refundId: data.refundId, points });
  },
);
