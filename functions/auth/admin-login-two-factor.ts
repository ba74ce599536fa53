import { staffSessionAnswer } from '../../lib/auth/console-session';
import { adminLoginTwoFactorRoute } from '../../lib/auth/routes';
import { completeTwoFactorSignIn } from '../../lib/auth/staff-sign-in';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  adminLoginTwoFactorRoute,
  async ({ body, headers, sourceIp, correlationId }) =>
    staffSessionAnswer(
      headers,
      await completeTwoFactorSignIn(body.challengeToken, body.code, sourceIp, correlationId),
    ),
);
