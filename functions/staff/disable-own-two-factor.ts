import { disableOwnTwoFactor } from '../../lib/auth/two-factor-account';
import { disableOwnTwoFactorRoute } from '../../lib/auth/two-factor-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  disableOwnTwoFactorRoute,
  async ({ principal, body, correlationId, sourceIp }) => {
    await disableOwnTwoFactor(principal, body.code, { correlationId, sourceIp });
    return { status: 204 };
  },
);
