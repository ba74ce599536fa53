import { httpHandler } from '../../lib/http/handler';
import { lookUpPickup } from '../../lib/rewards/pickups';
import { normalisePickupCode } from '../../lib/rewards/redemption';
import { lookUpPickupRoute } from '../../lib/rewards/routes';

export const handler = httpHandler(lookUpPickupRoute, async ({ principal, params }) => ({
  status: 200,
  body: await lookUpPickup(principal, normalisePickupCode(params.code)),
}));
