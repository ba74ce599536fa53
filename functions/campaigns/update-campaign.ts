import { recordStaffAction } from '../../lib/audit';
import { updateCampaignRoute } from '../../lib/campaigns/routes';
import { getCampaign, updateCampaign } from '../../lib/campaigns/store';
import { assertValidSchedule } from '../../lib/campaigns/occurrences';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  updateCampaignRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    assertValidSchedule(body.definition);
    const before = await getCampaign(params.campaignId);
    const campaign = await updateCampaign(params.campaignId, body.definition, body.version);
    await recordStaffAction({
      actor: principal,
      action: 'campaign.update',
      target: `campaign:${campaign.campaignId}`,
      before,
      after: campaign,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: campaign };
  },
);
