import { bindPhone } from '../../lib/customers/repository';
import { bindMyPhoneRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';
import { getPhoneNumber } from '../../lib/wechat/client';

export const handler = httpHandler(bindMyPhoneRoute, async ({ principal, body }) => {
  const { phone, countryCode } = await getPhoneNumber(body.code);
  return { status: 200, body: await bindPhone(principal.customerId, phone, countryCode) };
});
