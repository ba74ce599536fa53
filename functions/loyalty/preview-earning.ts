import { httpHandler } from '../../lib/http/handler';
import { previewEarningRoute } from '../../lib/loyalty/admin-routes';
import { previewEarning } from '../../lib/loyalty/earn-preview';
import { assertTiersInLadder } from '../../lib/loyalty/tier-store';

export const handler = httpHandler(previewEarningRoute, async ({ body }) => {
  await assertTiersInLadder([{ path: ['tier'], code: body.tier }]);
  return { status: 200, body: await previewEarning(body) };
});
