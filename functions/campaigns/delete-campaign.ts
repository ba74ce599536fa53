import { recordStaffAction } from '../../lib/audit';
import { campaignAuditSubject } from '../../lib/campaigns/model';
import { deleteCampaignRoute } from '../../lib/campaigns/routes';
import { deleteDraftCampaign } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  deleteCampaignRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const deleted = await deleteDraftCampaign(params.campaignId);
    await recordStaffAction({
      actor: principal,
      action: 'campaign.delete',
      target: campaignAuditSubject.target(deleted.campaignId),
      before: deleted,
      correlationId,
      sourceIp,
    });
    return { status: 204 };
  },
);
