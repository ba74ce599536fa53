import { recordStaffAction } from '../../lib/audit';
import { assertStoreAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { deactivateStoreRoute } from '../../lib/pos/routes';
import { storeAuditSubject } from '../../lib/pos/schemas';
import { deactivateStore } from '../../lib/pos/stores';

export const handler = httpHandler(
  deactivateStoreRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    assertStoreAccess(principal, deactivateStoreRoute.auth.permission, params.storeId);
    const { before, after } = await deactivateStore(params.storeId);
    await recordStaffAction({
      actor: principal,
      action: 'store.deactivate',
      target: storeAuditSubject.target(params.storeId),
      before,
      after,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: after };
  },
);
