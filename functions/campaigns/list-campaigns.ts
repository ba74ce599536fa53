import { listCampaignPage } from '../../lib/campaigns/listing';
import { listCampaignsRoute } from '../../lib/campaigns/routes';
import { campaignCounters } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(listCampaignsRoute, async ({ query }) => {
  const { limit, cursor, status, trigger } = query;
  const page = await listCampaignPage({ limit, cursor }, { status, trigger });
  const items = await Promise.all(
    page.items.map(async (campaign) => ({
      ...campaign,
      results: await campaignCounters(campaign),
    })),
  );
  return { status: 200, body: { items, nextCursor: page.nextCursor } };
});
