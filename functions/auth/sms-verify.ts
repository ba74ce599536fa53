import { smsVerifyRoute } from '../../lib/auth/routes';
import { signInWithSmsCode } from '../../lib/auth/sms-sign-in';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(smsVerifyRoute, async ({ body, correlationId }) => ({
  status: 200,
  body: await signInWithSmsCode(body, correlationId),
}));
