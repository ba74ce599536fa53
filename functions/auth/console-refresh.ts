import { requireConsoleClient } from '../../lib/auth/console-cookie';
import { refreshConsoleSession } from '../../lib/auth/console-session';
import { consoleRefreshRoute } from '../../lib/auth/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(consoleRefreshRoute, async ({ headers, cookies }) => {
  requireConsoleClient(headers);
  const { body, cookie } = await refreshConsoleSession(cookies);
  return { status: 200, body, cookies: [cookie] };
});
