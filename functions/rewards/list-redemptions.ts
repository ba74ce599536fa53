import { httpHandler } from '../../lib/http/handler';
import { listRedemptions } from '../../lib/rewards/redemption-list';
import { listRedemptionsRoute } from '../../lib/rewards/routes';

export const handler = httpHandler(listRedemptionsRoute, async ({ query }) => {
  const { limit, cursor, ...filter } = query;
  return { status: 200, body: await listRedemptions(filter, { limit, cursor }) };
});
