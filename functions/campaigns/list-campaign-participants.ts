import { listCampaignParticipants } from '../../lib/campaigns/listing';
import { listCampaignParticipantsRoute } from '../../lib/campaigns/routes';
import { getCampaign } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(listCampaignParticipantsRoute, async ({ params, query }) => {
  if (!(await getCampaign(params.campaignId))) throw problems.notFound(`Campaign ${params.campaignId}`);
  return { status: 200, body: await listCampaignParticipants(params.campaignId, query) };
});
