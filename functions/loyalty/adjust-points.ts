import { recordStaffAction } from '../../lib/audit';
import { customerAuditSubject } from '../../lib/customers/profile';
import { httpHandler } from '../../lib/http/handler';
import { requireIdempotencyKey } from '../../lib/http/idempotency-key';
import { adjustPointsRoute } from '../../lib/loyalty/admin-routes';
import { adjustPoints } from '../../lib/loyalty/adjustments';

export const handler = httpHandler(
  adjustPointsRoute,
  async ({ principal, body, headers, correlationId, sourceIp }) => {
    const idempotencyKey = requireIdempotencyKey(headers);
    const { result, replayed } = await adjustPoints({
      ...body,
      staffId: principal.staffId,
      idempotencyKey,
      correlationId,
    });
    if (!replayed) {
      const before = { balance: result.balance - result.points };
      const after = {
        balance: result.balance,
        points: result.points,
        reasonCode: body.reasonCode,
        note: body.note,
      };
      await recordStaffAction({
        actor: principal,
        action: 'loyalty.adjust',
        target: customerAuditSubject.target(body.customerId),
        before,
        after,
        correlationId,
        sourceIp,
      });
    }
    return { status: 201, body: result, headers: replayed ? { 'idempotent-replayed': 'true' } : undefined };
  },
);
