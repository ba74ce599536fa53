import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { redeemVoucherAtTill } from '../../lib/rewards/redemption';
import { redeemVoucherAtTillRoute } from '../../lib/rewards/routes';

export const handler = httpHandler(redeemVoucherAtTillRoute, async ({ principal, body, correlationId }) => {
  if (principal.storeId !== body.storeId)
    throw problems.forbidden(`Key ${principal.keyId} may not act for store ${body.storeId}.`);
  return { status: 200, body: await redeemVoucherAtTill(body.code, body.storeId, correlationId) };
});
