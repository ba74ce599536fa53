import { pointsLiability } from '../../lib/analytics/points-liability';
import { getPointsLiabilityRoute } from '../../lib/analytics/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getPointsLiabilityRoute, async ({ query }) => ({
  status: 200,
  body: await pointsLiability(query.pointValueFen),
}));
