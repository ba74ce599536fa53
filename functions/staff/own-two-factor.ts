import { ownTwoFactor } from '../../lib/auth/two-factor-account';
import { ownTwoFactorRoute } from '../../lib/auth/two-factor-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(ownTwoFactorRoute, async ({ principal }) => ({
  status: 200,
  body: await ownTwoFactor(principal),
}));
