import { getCampaignRoute } from '../../lib/campaigns/routes';
import { campaignResultsByDay, getCampaign } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(getCampaignRoute, async ({ params }) => {
  const campaign = await getCampaign(params.campaignId);
  if (!campaign) throw problems.notFound(`Campaign ${params.campaignId}`);
  const { daily, ...results } = await campaignResultsByDay(campaign);
  return { status: 200, body: { ...campaign, results, daily } };
});
