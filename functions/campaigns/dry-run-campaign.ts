import { dryRunCampaign } from '../../lib/campaigns/dry-run';
import { dryRunCampaignRoute } from '../../lib/campaigns/routes';
import { getCampaign } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { assertTiersInLadder } from '../../lib/loyalty/tier-store';

export const handler = httpHandler(dryRunCampaignRoute, async ({ params, body }) => {
  if (body.customerTier) await assertTiersInLadder([{ path: ['customerTier'], code: body.customerTier }]);
  const campaign = await getCampaign(params.campaignId);
  if (!campaign) throw problems.notFound(`Campaign ${params.campaignId}`);
  return { status: 200, body: await dryRunCampaign(campaign, body) };
});
