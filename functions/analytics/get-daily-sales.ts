import { dailySales } from '../../lib/analytics/daily-sales';
import { getDailySalesRoute } from '../../lib/analytics/routes';
import { visibleStores } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getDailySalesRoute, async ({ principal, query }) => {
  const report = await dailySales(query.day);
  const visible = visibleStores(principal);
  if (!visible) return { status: 200, body: report };
  // A store manager's report covers their own stores, totals included.
  const stores = report.stores.filter((store) => visible.has(store.storeId));
  const sum = (field: 'purchases' | 'revenue' | 'pointsIssued' | 'pointsReversed') =>
    stores.reduce((total, store) => total + store[field], 0);
  const totals = {
    purchases: sum('purchases'),
    revenue: sum('revenue'),
    pointsIssued: sum('pointsIssued'),
    pointsReversed: sum('pointsReversed'),
  };
  return { status: 200, body: { ...report, stores, totals } };
});
