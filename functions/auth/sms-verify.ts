import { smsVerifyRoute } from '../../lib/auth/routes';
import { requireSmsSignIn } from '../../lib/auth/sms-setting';
import { signInWithSmsCode } from '../../lib/auth/sms-sign-in';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(smsVerifyRoute, async ({ body, correlationId }) => {
  requireSmsSignIn();
  return { status: 200, body: await signInWithSmsCode(body, correlationId) };
});
