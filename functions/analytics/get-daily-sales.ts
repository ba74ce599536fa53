import { dailySales, dailyTotals } from '../../lib/analytics/daily-sales';
import { getDailySalesRoute } from '../../lib/analytics/routes';
import { withStoreNames } from '../../lib/analytics/store-names';
import { visibleStores } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getDailySalesRoute, async ({ principal, query }) => {
  const report = await dailySales(query.day);
  const visible = visibleStores(principal, getDailySalesRoute.auth.permission);
  if (!visible) return { status: 200, body: { ...report, stores: await withStoreNames(report.stores) } };
  // A store manager's report covers their own stores, totals included; bonuses of no store are not theirs.
  const stores = report.stores.filter((store) => visible.has(store.storeId));
  return {
    status: 200,
    body: {
      ...report,
      stores: await withStoreNames(stores),
      campaignBonusesWithoutStore: 0,
      totals: dailyTotals(stores),
    },
  };
});
