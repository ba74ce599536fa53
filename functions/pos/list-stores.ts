import { visibleStores } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { listStoresRoute } from '../../lib/pos/routes';
import { listStores } from '../../lib/pos/stores';

export const handler = httpHandler(listStoresRoute, async ({ principal }) => {
  const visible = visibleStores(principal, listStoresRoute.auth.permission);
  const items = (await listStores()).filter((store) => !visible || visible.has(store.storeId));
  return { status: 200, body: { items } };
});
