import { recordPersonalDataRead } from '../../lib/audit';
import { rolesAllow } from '../../lib/auth/permissions';
import { maskCustomerForStaff } from '../../lib/customers/profile';
import { findCustomersByName, findCustomersByPhone, toCustomer } from '../../lib/customers/repository';
import { searchCustomersRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(
  searchCustomersRoute,
  async ({ principal, query, correlationId, sourceIp }) => {
    const seesPii = rolesAllow(principal.roles, 'customers:pii');
    // Searching by name is using the name: only those who may see names may.
    if (query.name !== undefined && !seesPii)
      throw problems.forbidden('A name search needs the customers:pii permission.');
    const { records, nextCursor } =
      query.name !== undefined
        ? await findCustomersByName(query.name, query)
        : { records: await findCustomersByPhone(query.countryCode, query.phone!), nextCursor: null };
    const customers = records.map(toCustomer);
    // Even masked, a match ties the phone number or name typed in to the member: each one found is on record.
    await recordPersonalDataRead({
      actor: principal,
      action: query.name !== undefined ? 'customers.name-search' : 'customers.phone-search',
      customerIds: customers.map((customer) => customer.id),
      correlationId,
      sourceIp,
    });
    return {
      status: 200,
      body: {
        items: customers.map((customer) => (seesPii ? customer : maskCustomerForStaff(customer))),
        nextCursor,
      },
    };
  },
);
