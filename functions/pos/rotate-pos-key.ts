import { recordStaffAction } from '../../lib/audit';
import { assertStoreAccess } from '../../lib/auth/store-scope';
import { problems } from '../../lib/http/problem';
import { httpHandler } from '../../lib/http/handler';
import { rotatePosKeyRoute } from '../../lib/pos/routes';
import { getPosKey, posKeyAuditSubject, rotatePosKey } from '../../lib/pos/stores';

export const handler = httpHandler(
  rotatePosKeyRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const key = await getPosKey(params.keyId);
    if (!key) throw problems.notFound(`POS key ${params.keyId}`);
    assertStoreAccess(principal, rotatePosKeyRoute.auth.permission, key.storeId);
    const successor = await rotatePosKey(params.keyId);
    const after = { successor: successor.keyId, previousKeyValidUntil: successor.previousKeyValidUntil };
    await recordStaffAction({
      actor: principal,
      action: 'pos-key.rotate',
      target: posKeyAuditSubject.target(params.keyId),
      after,
      correlationId,
      sourceIp,
    });
    return { status: 201, body: successor };
  },
);
