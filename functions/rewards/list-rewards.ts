import { httpHandler } from '../../lib/http/handler';
import { hasStock, isRedeemableNow, listRewards } from '../../lib/rewards/catalogue';
import { listRewardsRoute } from '../../lib/rewards/routes';
import { withImageUrl } from '../../lib/rewards/images';

export const handler = httpHandler(listRewardsRoute, async () => {
  const rewards = (await listRewards({ status: 'active' })).filter(
    (reward) => isRedeemableNow(reward) || !hasStock(reward),
  );
  const items = rewards
    .map(withImageUrl)
    .map(
      ({
        id,
        name,
        description,
        type,
        category,
        imageUrl,
        pointsCost,
        perCustomerLimit,
        validTo,
        stock,
      }) => ({
        id,
        name,
        description,
        type,
        category,
        imageUrl,
        pointsCost,
        perCustomerLimit,
        validTo,
        inStock: hasStock({ stock }),
      }),
    );
  return { status: 200, body: { items } };
});
