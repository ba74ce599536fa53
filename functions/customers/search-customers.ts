import { recordPersonalDataRead } from '../../lib/audit';
import { rolesAllow } from '../../lib/auth/permissions';
import { maskCustomerForStaff } from '../../lib/customers/profile';
import { findCustomersByPhone, toCustomer } from '../../lib/customers/repository';
import { searchCustomersRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  searchCustomersRoute,
  async ({ principal, query, correlationId, sourceIp }) => {
    const seesPii = rolesAllow(principal.roles, 'customers:pii');
    const customers = (await findCustomersByPhone(query.countryCode, query.phone)).map(toCustomer);
    // Even masked, a match ties the phone number typed in to the member: each one found is on record.
    await recordPersonalDataRead({
      actor: principal,
      action: 'customers.phone-search',
      customerIds: customers.map((customer) => customer.id),
      correlationId,
      sourceIp,
    });
    return {
      status: 200,
      body: { items: customers.map((customer) => (seesPii ? customer : maskCustomerForStaff(customer))) },
    };
  },
);
