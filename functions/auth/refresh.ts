import { refreshRoute } from '../../lib/auth/routes';
import { refreshSession } from '../../lib/auth/session-tokens';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(refreshRoute, async ({ body }) => ({
  status: 200,
  body: await refreshSession(body.refreshToken),
}));
