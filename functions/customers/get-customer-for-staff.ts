import { rolesAllow } from '../../lib/auth/permissions';
import { maskCustomerForStaff } from '../../lib/customers/profile';
import { getCustomerRecord, toCustomer } from '../../lib/customers/repository';
import { getCustomerForStaffRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { getPointsAccountSummary } from '../../lib/loyalty/accounts';

export const handler = httpHandler(getCustomerForStaffRoute, async ({ principal, params }) => {
  const record = await getCustomerRecord(params.customerId);
  if (!record) throw problems.notFound(`Customer ${params.customerId}`);
  const customer = toCustomer(record);
  const points = (await getPointsAccountSummary(params.customerId)) ?? null;
  return {
    status: 200,
    body: {
      customer: rolesAllow(principal.roles, 'customers:pii') ? customer : maskCustomerForStaff(customer),
      points,
    },
  };
});
