import { logoutRoute } from '../../lib/auth/routes';
import { endSession } from '../../lib/auth/sessions';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(logoutRoute, async ({ body }) => {
  await endSession(body.refreshToken);
  return { status: 204 };
});
