import { recordStaffAction } from '../../lib/audit';
import { createCampaignRoute } from '../../lib/campaigns/routes';
import { campaignAuditSubject, tierCodesOf } from '../../lib/campaigns/model';
import { createCampaign } from '../../lib/campaigns/store';
import { assertValidSchedule } from '../../lib/campaigns/occurrences';
import { httpHandler } from '../../lib/http/handler';
import { assertTiersInLadder } from '../../lib/loyalty/tier-store';

export const handler = httpHandler(
  createCampaignRoute,
  async ({ principal, body, correlationId, sourceIp }) => {
    assertValidSchedule(body);
    await assertTiersInLadder(tierCodesOf(body));
    const campaign = await createCampaign(body);
    await recordStaffAction({
      actor: principal,
      action: 'campaign.create',
      target: campaignAuditSubject.target(campaign.campaignId),
      after: campaign,
      correlationId,
      sourceIp,
    });
    return { status: 201, body: campaign };
  },
);
