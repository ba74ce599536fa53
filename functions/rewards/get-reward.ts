import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { getReward } from '../../lib/rewards/catalogue';
import { withImageUrl } from '../../lib/rewards/images';
import { getRewardRoute } from '../../lib/rewards/routes';

export const handler = httpHandler(getRewardRoute, async ({ params }) => {
  const reward = await getReward(params.rewardId);
  if (!reward) throw problems.notFound(`Reward ${params.rewardId}`);
  return { status: 200, body: withImageUrl(reward) };
});
