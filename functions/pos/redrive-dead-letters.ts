import { recordStaffAction } from '../../lib/audit';
import { assertAllStoresAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { redrivePosDeadLetters } from '../../lib/pos/dead-letters';
import { redrivePosDeadLettersRoute } from '../../lib/pos/routes';

export const handler = httpHandler(
  redrivePosDeadLettersRoute,
  async ({ principal, correlationId, sourceIp }) => {
    assertAllStoresAccess(principal, redrivePosDeadLettersRoute.auth.permission);
    const task = await redrivePosDeadLetters();
    await recordStaffAction({
      actor: principal,
      action: 'pos-dlq.redrive',
      target: 'queue:pos',
      after: task,
      correlationId,
      sourceIp,
    });
    return { status: 202, body: task };
  },
);
