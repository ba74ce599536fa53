import { membersByTier } from '../../lib/analytics/members-by-tier';
import { getMembersByTierRoute } from '../../lib/analytics/routes';
import { assertAllStoresAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { tierLadder } from '../../lib/loyalty/tier-store';

export const handler = httpHandler(getMembersByTierRoute, async ({ principal }) => {
  // Members belong to the programme, not a store: not for staff whose analytics reach only their stores.
  assertAllStoresAccess(principal, getMembersByTierRoute.auth.permission);
  return { status: 200, body: await membersByTier(await tierLadder()) };
});
