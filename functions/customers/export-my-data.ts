import { recordCustomerAction } from '../../lib/audit';
import { exportCustomerData } from '../../lib/customers/privacy';
import { exportMyDataRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(exportMyDataRoute, async ({ principal, correlationId, sourceIp }) => {
  const data = await exportCustomerData(principal.customerId);
  await recordCustomerAction({
    customerId: principal.customerId,
    action: 'privacy.export',
    correlationId,
    sourceIp,
  });
  return { status: 200, body: data };
});
