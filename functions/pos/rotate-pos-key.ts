import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { rotatePosKeyRoute } from '../../lib/pos/routes';
import { rotatePosKey } from '../../lib/pos/stores';

export const handler = httpHandler(
  rotatePosKeyRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const successor = await rotatePosKey(params.keyId);
    const after = { successor: successor.keyId, previousKeyValidUntil: successor.previousKeyValidUntil };
    await recordStaffAction({
      actor: principal,
      action: 'pos-key.rotate',
      target: `pos-key:${params.keyId}`,
      after,
      correlationId,
      sourceIp,
    });
    return { status: 201, body: successor };
  },
);
