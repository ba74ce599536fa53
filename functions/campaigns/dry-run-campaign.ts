import { dryRunCampaign } from '../../lib/campaigns/dry-run';
import { dryRunCampaignRoute } from '../../lib/campaigns/routes';
import { getCampaign } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(dryRunCampaignRoute, async ({ params, body }) => {
  const campaign = await getCampaign(params.campaignId);
  if (!campaign) throw problems.notFound(`Campaign ${params.campaignId}`);
  return { status: 200, body: await dryRunCampaign(campaign, body) };
});
