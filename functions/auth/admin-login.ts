import { consoleRefreshCookie, isConsoleClient } from '../../lib/auth/console-cookie';
import { adminLoginRoute } from '../../lib/auth/routes';
import { signInStaff } from '../../lib/auth/staff-sign-in';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(adminLoginRoute, async ({ body, headers, sourceIp, correlationId }) => {
  const { tokens, refreshTokenExpiresAt, staff } = await signInStaff(
    body.email,
    body.password,
    sourceIp,
    correlationId,
  );
  if (!isConsoleClient(headers)) return { status: 200, body: { ...tokens, staff } };
  // The console keeps the refresh token where its scripts cannot reach it.
  const { refreshToken, ...inBody } = tokens;
  return {
    status: 200,
    body: { ...inBody, staff },
    cookies: [consoleRefreshCookie(refreshToken, refreshTokenExpiresAt)],
  };
});
