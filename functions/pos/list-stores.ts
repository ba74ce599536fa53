import { visibleStores } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { listStoresRoute } from '../../lib/pos/routes';
import { listStores } from '../../lib/pos/stores';

export const handler = httpHandler(listStoresRoute, async ({ principal, query }) => ({
  status: 200,
  // A store manager pages through their stores only, and their cursor opens for them alone.
  body: await listStores(query, visibleStores(principal, listStoresRoute.auth.permission)),
}));
