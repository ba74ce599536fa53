import { recordStaffAction } from '../../lib/audit';
import { assertStoreAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { issuePosKeyRoute } from '../../lib/pos/routes';
import { issuePosKey, posKeyAuditSubject } from '../../lib/pos/stores';

export const handler = httpHandler(
  issuePosKeyRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    assertStoreAccess(principal, issuePosKeyRoute.auth.permission, params.storeId);
    const key = await issuePosKey(params.storeId);
    const after = { keyId: key.keyId, storeId: key.storeId };
    await recordStaffAction({
      actor: principal,
      action: 'pos-key.issue',
      target: posKeyAuditSubject.target(key.keyId),
      after,
      correlationId,
      sourceIp,
    });
    return { status: 201, body: key };
  },
);
