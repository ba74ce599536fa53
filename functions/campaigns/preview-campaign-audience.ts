import { countAudiencePage } from '../../lib/campaigns/listing';
import { previewCampaignAudienceRoute } from '../../lib/campaigns/routes';
import { assertTiersInLadder } from '../../lib/loyalty/tier-store';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(previewCampaignAudienceRoute, async ({ body, query }) => {
  await assertTiersInLadder(
    (body.segment.tiers ?? []).map((code, i) => ({ path: ['segment', 'tiers', i], code })),
    'body',
  );
  return { status: 200, body: await countAudiencePage(body.segment, query.cursor, new Date()) };
});
