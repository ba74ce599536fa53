import { pointsLiability } from '../../lib/analytics/points-liability';
import { getPointsLiabilityRoute } from '../../lib/analytics/routes';
import { assertAllStoresAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getPointsLiabilityRoute, async ({ principal, query }) => {
  // The liability is programme-wide: not for staff limited to their own stores.
  assertAllStoresAccess(principal);
  return {
    status: 200,
    body: await pointsLiability(query.pointValueFen),
  };
});
