import { recordStaffAction } from '../../lib/audit';
import { assertStoreAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { renameStoreRoute } from '../../lib/pos/routes';
import { storeAuditSubject } from '../../lib/pos/schemas';
import { renameStore } from '../../lib/pos/stores';

export const handler = httpHandler(
  renameStoreRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    assertStoreAccess(principal, renameStoreRoute.auth.permission, params.storeId);
    const { before, after } = await renameStore(params.storeId, body.name);
    await recordStaffAction({
      actor: principal,
      action: 'store.rename',
      target: storeAuditSubject.target(params.storeId),
      before,
      after,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: after };
  },
);
