import { listCampaignsRoute } from '../../lib/campaigns/routes';
import { campaignCounters, listCampaigns } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(listCampaignsRoute, async () => {
  const campaigns = await listCampaigns();
  const items = await Promise.all(
    campaigns.map(async (campaign) => ({
      ...campaign,
      results: await campaignCounters(campaign.campaignId),
    })),
  );
  return { status: 200, body: { items } };
});
