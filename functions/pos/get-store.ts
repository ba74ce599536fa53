import { assertStoreAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { getStoreRoute } from '../../lib/pos/routes';
import { getStore } from '../../lib/pos/stores';

export const handler = httpHandler(getStoreRoute, async ({ principal, params }) => {
  assertStoreAccess(principal, getStoreRoute.auth.permission, params.storeId);
  const store = await getStore(params.storeId);
  if (!store) throw problems.notFound(`Store ${params.storeId}`);
  return { status: 200, body: store };
});
