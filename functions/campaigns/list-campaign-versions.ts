import { listCampaignVersions } from '../../lib/campaigns/listing';
import { listCampaignVersionsRoute } from '../../lib/campaigns/routes';
import { getCampaign } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(listCampaignVersionsRoute, async ({ params, query }) => {
  if (!(await getCampaign(params.campaignId))) throw problems.notFound(`Campaign ${params.campaignId}`);
  return { status: 200, body: await listCampaignVersions(params.campaignId, query) };
});
