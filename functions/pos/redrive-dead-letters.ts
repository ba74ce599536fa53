import { recordStaffAction } from '../../lib/audit';
import { assertAllStoresAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { posQueueAuditSubject, redrivePosDeadLetters } from '../../lib/pos/dead-letters';
import { redrivePosDeadLettersRoute } from '../../lib/pos/routes';

export const handler = httpHandler(
  redrivePosDeadLettersRoute,
  async ({ principal, correlationId, sourceIp }) => {
    assertAllStoresAccess(principal, redrivePosDeadLettersRoute.auth.permission);
    const task = await redrivePosDeadLetters();
    await recordStaffAction({
      actor: principal,
      action: 'pos-dlq.redrive',
      target: posQueueAuditSubject.target('pos'),
      after: task,
      correlationId,
      sourceIp,
    });
    return { status: 202, body: task };
  },
);
