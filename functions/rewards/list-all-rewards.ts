import { httpHandler } from '../../lib/http/handler';
import { listCataloguePage } from '../../lib/rewards/catalogue';
import { withImageUrl } from '../../lib/rewards/images';
import { listAllRewardsRoute } from '../../lib/rewards/routes';

export const handler = httpHandler(listAllRewardsRoute, async ({ query }) => {
  const { limit, cursor, ...filter } = query;
  const page = await listCataloguePage(filter, { limit, cursor });
  return { status: 200, body: { items: page.items.map(withImageUrl), nextCursor: page.nextCursor } };
});
