import { adminLoginEnrolmentRoute } from '../../lib/auth/routes';
import { startEnrolmentAtSignIn } from '../../lib/auth/staff-sign-in';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(adminLoginEnrolmentRoute, async ({ body }) => ({
  status: 200,
  body: await startEnrolmentAtSignIn(body.challengeToken),
}));
