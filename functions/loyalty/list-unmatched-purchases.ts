import { visibleStores } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { listUnmatchedPurchasesRoute } from '../../lib/loyalty/admin-routes';
import { listUnmatchedPurchases } from '../../lib/loyalty/ledger';

export const handler = httpHandler(listUnmatchedPurchasesRoute, async ({ principal, query }) => ({
  status: 200,
  // A store manager's page is read within their stores, and its cursor opens for them alone.
  body: await listUnmatchedPurchases(
    query,
    visibleStores(principal, listUnmatchedPurchasesRoute.auth.permission),
  ),
}));
