import { getCustomerRecord, toCustomer } from '../../lib/customers/repository';
import { getMyProfileRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(getMyProfileRoute, async ({ principal }) => {
  const record = await getCustomerRecord(principal.customerId);
  if (!record || record.erasedAt) throw problems.notFound('Customer');
  return { status: 200, body: toCustomer(record) };
});
