import { recordStaffAction } from '../../lib/audit';
import { assertStoreAccess } from '../../lib/auth/store-scope';
import { problems } from '../../lib/http/problem';
import { httpHandler } from '../../lib/http/handler';
import { revokePosKeyRoute } from '../../lib/pos/routes';
import { getPosKey, posKeyAuditSubject, revokePosKey } from '../../lib/pos/stores';

export const handler = httpHandler(
  revokePosKeyRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const key = await getPosKey(params.keyId);
    if (!key) throw problems.notFound(`POS key ${params.keyId}`);
    assertStoreAccess(principal, revokePosKeyRoute.auth.permission, key.storeId);
    await revokePosKey(params.keyId);
    await recordStaffAction({
      actor: principal,
      action: 'pos-key.revoke',
      target: posKeyAuditSubject.target(params.keyId),
      correlationId,
      sourceIp,
    });
    return { status: 204 };
  },
);
