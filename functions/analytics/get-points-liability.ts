import { pointsLiability } from '../../lib/analytics/points-liability';
import { getPointsLiabilityRoute } from '../../lib/analytics/routes';
import { withStoreNames } from '../../lib/analytics/store-names';
import { assertAllStoresAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getPointsLiabilityRoute, async ({ principal, query }) => {
  // The liability is programme-wide: not for staff whose analytics reach only their own stores.
  assertAllStoresAccess(principal, getPointsLiabilityRoute.auth.permission);
  const liability = await pointsLiability(query.pointValueFen);
  return {
    status: 200,
    body: { ...liability, byStoreOfIssue: await withStoreNames(liability.byStoreOfIssue) },
  };
});
