import { pointsLiability } from '../../lib/analytics/points-liability';
import { getPointsLiabilityRoute } from '../../lib/analytics/routes';
import { assertAllStoresAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getPointsLiabilityRoute, async ({ principal, query }) => {
  // The liability is programme-wide: not for staff whose analytics reach only their own stores.
  assertAllStoresAccess(principal, getPointsLiabilityRoute.auth.permission);
  return {
    status: 200,
    body: await pointsLiability(query.pointValueFen),
  };
});
