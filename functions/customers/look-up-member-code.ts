import { recordPersonalDataRead } from '../../lib/audit';
import { rolesAllow } from '../../lib/auth/permissions';
import { resolveMemberCode } from '../../lib/customers/member-code';
import { maskCustomerForStaff } from '../../lib/customers/profile';
import { getCustomerRecord, toCustomer } from '../../lib/customers/repository';
import { lookUpMemberCodeRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';
import { Problem } from '../../lib/http/problem';

const unknownCode = () =>
  new Problem(
    404,
    'MEMBER_CODE_UNKNOWN',
    'Not Found',
    'No current member code has these digits: it expired or was never issued. Ask the member to show a fresh one.',
  );

export const handler = httpHandler(
  lookUpMemberCodeRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const customerId = await resolveMemberCode(params.code, new Date());
    const record = customerId && (await getCustomerRecord(customerId));
    if (!record || record.erasedAt) throw unknownCode();
    // The code ties the member to the person at the desk: the read is on record before it is answered.
    await recordPersonalDataRead({
      actor: principal,
      action: 'customers.member-code-lookup',
      customerIds: [record.customerId],
      correlationId,
      sourceIp,
    });
    const customer = toCustomer(record);
    const seesPii = rolesAllow(principal.roles, 'customers:pii');
    return { status: 200, body: { customer: seesPii ? customer : maskCustomerForStaff(customer) } };
  },
);
