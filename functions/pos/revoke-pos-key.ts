import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { revokePosKeyRoute } from '../../lib/pos/routes';
import { revokePosKey } from '../../lib/pos/stores';

export const handler = httpHandler(
  revokePosKeyRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    await revokePosKey(params.keyId);
    await recordStaffAction({
      actor: principal,
      action: 'pos-key.revoke',
      target: `pos-key:${params.keyId}`,
      correlationId,
      sourceIp,
    });
    return { status: 204 };
  },
);
