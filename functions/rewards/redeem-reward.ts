import { httpHandler } from '../../lib/http/handler';
import { requireIdempotencyKey } from '../../lib/http/idempotency-key';
import { redeemReward } from '../../lib/rewards/redemption';
import { redeemRewardRoute } from '../../lib/rewards/routes';

export const handler = httpHandler(
  redeemRewardRoute,
  async ({ principal, params, body, headers, correlationId }) => {
    const idempotencyKey = requireIdempotencyKey(headers);
    const { result, replayed } = await redeemReward({
      customerId: principal.customerId,
      rewardId: params.rewardId,
      quantity: body.quantity,
      idempotencyKey,
      correlationId,
    });
    return { status: 201, body: result, headers: replayed ? { 'idempotent-replayed': 'true' } : undefined };
  },
);
