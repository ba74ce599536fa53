import { dryRunCampaignRoute } from '../../lib/campaigns/routes';
import {
  bonusPointsFor,
  conditionsPass,
  evaluateConditions,
  type TriggerFacts,
} from '../../lib/campaigns/rules';
import { getCampaign } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(dryRunCampaignRoute, async ({ params, body }) => {
  const campaign = await getCampaign(params.campaignId);
  if (!campaign) throw problems.notFound(`Campaign ${params.campaignId}`);
  const facts: TriggerFacts = {
    at: new Date(body.purchase.occurredAt).toISOString(),
    tier: body.customerTier as TriggerFacts['tier'],
    purchase: body.purchase,
  };
  const checks = evaluateConditions(campaign.definition, facts);
  const applies = campaign.definition.trigger.kind === 'purchase' && conditionsPass(checks);
  return {
    status: 200,
    body: { applies, bonusPoints: applies ? bonusPointsFor(campaign.definition, facts) : 0, checks },
  };
});
