import { recordStaffAction } from '../../lib/audit';
import { campaignAuditSubject } from '../../lib/campaigns/model';
import { changeCampaignStatusRoute } from '../../lib/campaigns/routes';
import { changeCampaignStatus } from '../../lib/campaigns/store';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  changeCampaignStatusRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    const campaign = await changeCampaignStatus(params.campaignId, body.action);
    await recordStaffAction({
      actor: principal,
      action: `campaign.${body.action}`,
      target: campaignAuditSubject.target(campaign.campaignId),
      after: { status: campaign.status, version: campaign.version },
      correlationId,
      sourceIp,
    });
    return { status: 200, body: campaign };
  },
);
