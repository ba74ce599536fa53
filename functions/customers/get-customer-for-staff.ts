import { recordPersonalDataRead } from '../../lib/audit';
import { rolesAllow } from '../../lib/auth/permissions';
import { maskCustomerForStaff } from '../../lib/customers/profile';
import { getCustomerRecord, toCustomer } from '../../lib/customers/repository';
import { getCustomerForStaffRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { getPointsAccountSummary } from '../../lib/loyalty/accounts';

export const handler = httpHandler(
  getCustomerForStaffRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const record = await getCustomerRecord(params.customerId);
    if (!record) throw problems.notFound(`Customer ${params.customerId}`);
    const customer = toCustomer(record);
    const points = (await getPointsAccountSummary(params.customerId)) ?? null;
    const seesPii = rolesAllow(principal.roles, 'customers:pii');
    // On record before it is shown: a read that cannot be audited is not answered.
    if (seesPii)
      await recordPersonalDataRead({
        actor: principal,
        action: 'customers.profile.read',
        customerIds: [params.customerId],
        correlationId,
        sourceIp,
      });
    return {
      status: 200,
      body: { customer: seesPii ? customer : maskCustomerForStaff(customer), points },
    };
  },
);
