import { memberRecordKey } from '../../lib/campaigns/awards';
import { listMyCampaignsRoute } from '../../lib/campaigns/routes';
import { liveCampaigns } from '../../lib/campaigns/store';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(listMyCampaignsRoute, async ({ principal }) => {
  const visible = (await liveCampaigns(new Date().toISOString())).filter(
    (c) => c.definition.visibleToMembers,
  );
  const items = await Promise.all(
    visible.map(async (campaign) => {
      const { Item } = await documents.get({
        TableName: tableNameFromEnv('main'),
        // A member of the control group who joined is told they joined, as any other.
        Key: memberRecordKey(campaign, principal.customerId),
      });
      return {
        campaignId: campaign.campaignId,
        name: campaign.definition.name,
        description: campaign.definition.description,
        startsAt: campaign.definition.startsAt,
        endsAt: campaign.definition.endsAt,
        optIn: campaign.definition.optIn,
        joined: !!Item,
      };
    }),
  );
  return { status: 200, body: { items } };
});
