import { noteProfileCompletion } from '../../lib/customers/profile-completion';
import { bindPhone } from '../../lib/customers/repository';
import { bindMyPhoneRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';
import { getPhoneNumber } from '../../lib/wechat/client';

export const handler = httpHandler(bindMyPhoneRoute, async ({ principal, body, correlationId }) => {
  const { phone, countryCode } = await getPhoneNumber(body.code);
  const customer = await bindPhone(principal.customerId, phone, countryCode);
  await noteProfileCompletion(principal.customerId, correlationId);
  return { status: 200, body: customer };
});
