import { recordCustomerAction } from '../../lib/audit';
import { eraseCustomer } from '../../lib/customers/privacy';
import { eraseMeRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(eraseMeRoute, async ({ principal, correlationId, sourceIp }) => {
  // Every session of the member ends with the erasure, this one included.
  if ((await eraseCustomer(principal.customerId, correlationId)) === 'already-erased')
    throw problems.notFound('Customer');
  await recordCustomerAction({
    customerId: principal.customerId,
    action: 'privacy.erase',
    correlationId,
    sourceIp,
  });
  return { status: 204 };
});
