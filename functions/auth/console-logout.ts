import { clearedConsoleRefreshCookie, requireConsoleClient } from '../../lib/auth/console-cookie';
import { endConsoleSession } from '../../lib/auth/console-session';
import { consoleLogoutRoute } from '../../lib/auth/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  consoleLogoutRoute,
  async ({ headers, cookies, correlationId, sourceIp }) => {
    requireConsoleClient(headers);
    await endConsoleSession(cookies, { correlationId, sourceIp });
    return { status: 204, cookies: [clearedConsoleRefreshCookie()] };
  },
);
