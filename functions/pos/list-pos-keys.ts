import { assertStoreAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { listPosKeysRoute } from '../../lib/pos/routes';
import { getStore, listPosKeys } from '../../lib/pos/stores';

export const handler = httpHandler(listPosKeysRoute, async ({ principal, params, query }) => {
  assertStoreAccess(principal, listPosKeysRoute.auth.permission, params.storeId);
  if (!(await getStore(params.storeId))) throw problems.notFound(`Store ${params.storeId}`);
  return { status: 200, body: await listPosKeys(params.storeId, query) };
});
