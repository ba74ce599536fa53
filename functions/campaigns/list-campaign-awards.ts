import { listCampaignAwards } from '../../lib/campaigns/listing';
import { listCampaignAwardsRoute } from '../../lib/campaigns/routes';
import { getCampaign } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(listCampaignAwardsRoute, async ({ params, query }) => {
  if (!(await getCampaign(params.campaignId))) throw problems.notFound(`Campaign ${params.campaignId}`);
  return { status: 200, body: await listCampaignAwards(params.campaignId, query) };
});
