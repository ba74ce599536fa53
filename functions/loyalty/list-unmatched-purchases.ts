import { visibleStores } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { listUnmatchedPurchasesRoute } from '../../lib/loyalty/admin-routes';
import { listUnmatchedPurchases } from '../../lib/loyalty/ledger';

export const handler = httpHandler(listUnmatchedPurchasesRoute, async ({ principal, query }) => {
  const page = await listUnmatchedPurchases(query);
  const visible = visibleStores(principal, listUnmatchedPurchasesRoute.auth.permission);
  // A store manager sees only their stores' sales (a page may then hold fewer than `limit`).
  const items = page.items.filter(
    (item) => !visible || visible.has((item.transaction as { storeId: string }).storeId),
  );
  return { status: 200, body: { ...page, items } };
});
