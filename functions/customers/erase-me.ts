import { recordCustomerAction } from '../../lib/audit';
import { revokeSession } from '../../lib/auth/sessions';
import { eraseCustomer } from '../../lib/customers/privacy';
import { eraseMeRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(eraseMeRoute, async ({ principal, correlationId, sourceIp }) => {
  await eraseCustomer(principal.customerId, correlationId);
  await revokeSession(principal.sessionId);
  await recordCustomerAction({
    customerId: principal.customerId,
    action: 'privacy.erase',
    correlationId,
    sourceIp,
  });
  return { status: 204 };
});
