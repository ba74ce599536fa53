import { recordStaffAction } from '../../lib/audit';
import { assertAllStoresAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { posQueueAuditSubject, redrivePosDeadLetter } from '../../lib/pos/dead-letters';
import { redrivePosDeadLetterRoute } from '../../lib/pos/routes';

export const handler = httpHandler(
  redrivePosDeadLetterRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    assertAllStoresAccess(principal, redrivePosDeadLetterRoute.auth.permission);
    const redriven = await redrivePosDeadLetter(params.messageId);
    if (!redriven) throw problems.notFound(`Dead letter ${params.messageId}`);
    await recordStaffAction({
      actor: principal,
      action: 'pos-dlq.redrive-one',
      target: posQueueAuditSubject.target(`pos:${params.messageId}`),
      after: redriven,
      correlationId,
      sourceIp,
    });
    return { status: 202, body: redriven };
  },
);
