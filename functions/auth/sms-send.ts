import { smsSendRoute } from '../../lib/auth/routes';
import { sendSignInCode } from '../../lib/auth/sms-sign-in';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(smsSendRoute, async ({ body, sourceIp }) => ({
  status: 202,
  body: await sendSignInCode(body, sourceIp),
}));
