import { rolesAllow } from '../../lib/auth/permissions';
import { maskCustomerForStaff } from '../../lib/customers/profile';
import { findCustomersByPhone, toCustomer } from '../../lib/customers/repository';
import { searchCustomersRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(searchCustomersRoute, async ({ principal, query }) => {
  const seesPii = rolesAllow(principal.roles, 'customers:pii');
  const customers = (await findCustomersByPhone(query.countryCode, query.phone)).map(toCustomer);
  return {
    status: 200,
    body: { items: customers.map((customer) => (seesPii ? customer : maskCustomerForStaff(customer))) },
  };
});
