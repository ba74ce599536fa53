import { staffSessionAnswer } from '../../lib/auth/console-session';
import { adminLoginEnrolmentConfirmRoute } from '../../lib/auth/routes';
import { confirmEnrolmentAtSignIn } from '../../lib/auth/staff-sign-in';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  adminLoginEnrolmentConfirmRoute,
  async ({ body, headers, sourceIp, correlationId }) => {
    const { recoveryCodes, ...session } = await confirmEnrolmentAtSignIn(
      body.challengeToken,
      body.code,
      sourceIp,
      correlationId,
    );
    return staffSessionAnswer(headers, session, { recoveryCodes });
  },
);
