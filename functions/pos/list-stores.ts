import { httpHandler } from '../../lib/http/handler';
import { listStoresRoute } from '../../lib/pos/routes';
import { listStores } from '../../lib/pos/stores';

export const handler = httpHandler(listStoresRoute, async () => ({
  status: 200,
  body: { items: await listStores() },
}));
