import { joinOptInCampaign } from '../../lib/campaigns/joining';
import { joinCampaignRoute } from '../../lib/campaigns/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(joinCampaignRoute, async ({ principal, params, correlationId }) => {
  const campaign = await joinOptInCampaign(params.campaignId, principal.customerId, correlationId);
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
