import { recordStaffAction } from '../../lib/audit';
import { campaignAuditSubject, changesOfPatch } from '../../lib/campaigns/model';
import { patchCampaignRoute } from '../../lib/campaigns/routes';
import { getCampaign, updateCampaign } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  patchCampaignRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    const before = await getCampaign(params.campaignId);
    // The limits are merged into the terms as they stand at each try of the write, not as first read.
    const campaign = await updateCampaign(
      params.campaignId,
      (stored) => changesOfPatch(stored, body),
      body.version,
      new Date(),
      'body',
    );
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
