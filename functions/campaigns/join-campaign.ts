import { joinCampaign } from '../../lib/campaigns/awards';
import { joinCampaignRoute } from '../../lib/campaigns/routes';
import { liveCampaigns } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';
import { Problem, problems } from '../../lib/http/problem';

export const handler = httpHandler(joinCampaignRoute, async ({ principal, params, correlationId }) => {
  const campaign = (await liveCampaigns(new Date().toISOString())).find(
    (candidate) => candidate.campaignId === params.campaignId && candidate.definition.visibleToMembers,
  );
  if (!campaign) throw problems.notFound(`Campaign ${params.campaignId}`);
  if (!campaign.definition.optIn)
    throw new Problem(
      409,
      'NOT_OPT_IN',
      'Conflict',
      'This campaign needs no joining: every member takes part.',
    );
  const outcome = await joinCampaign(campaign, principal.customerId, correlationId);
  if (outcome === 'full')
    throw new Problem(409, 'CAMPAIGN_FULL', 'Conflict', 'The campaign has all its participants.');
  return {
    status: 200,
    body: {
      campaignId: campaign.campaignId,
      name: campaign.definition.name,
      description: campaign.definition.description,
      startsAt: campaign.definition.startsAt,
      endsAt: campaign.definition.endsAt,
      optIn: true,
      joined: true,
    },
  };
});
