import { dailySales } from '../../lib/analytics/daily-sales';
import { getDailySalesRoute } from '../../lib/analytics/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getDailySalesRoute, async ({ query }) => ({
  status: 200,
  body: await dailySales(query.day),
}));
