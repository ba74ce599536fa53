import { httpHandler } from '../../lib/http/handler';
import { listRewards } from '../../lib/rewards/catalogue';
import { listAllRewardsRoute } from '../../lib/rewards/routes';

export const handler = httpHandler(listAllRewardsRoute, async () => ({
  status: 200,
  body: { items: await listRewards() },
}));
