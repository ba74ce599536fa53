import { recordStaffAction } from '../../lib/audit';
import { updateCampaignRoute } from '../../lib/campaigns/routes';
import { campaignAuditSubject, tierCodesOf } from '../../lib/campaigns/model';
import { getCampaign, updateCampaign } from '../../lib/campaigns/store';
import { assertValidSchedule } from '../../lib/campaigns/occurrences';
import { httpHandler } from '../../lib/http/handler';
import { assertTiersInLadder } from '../../lib/loyalty/tier-store';

export const handler = httpHandler(
  updateCampaignRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    const { trigger } = body.definition;
    // A schedule left out of the edit is the stored one, checked when it was saved.
    if (trigger) assertValidSchedule({ trigger });
    await assertTiersInLadder(tierCodesOf(body.definition), 'body.definition');
    const before = await getCampaign(params.campaignId);
    const campaign = await updateCampaign(params.campaignId, body.definition, body.version);
    await recordStaffAction({
      actor: principal,
      action: 'campaign.update',
      target: campaignAuditSubject.target(campaign.campaignId),
      before,
      after: campaign,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: campaign };
  },
);
