import { changeTwoFactorPolicy } from '../../lib/auth/two-factor-account';
import { setTwoFactorPolicyRoute } from '../../lib/auth/two-factor-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  setTwoFactorPolicyRoute,
  async ({ principal, body, correlationId, sourceIp }) => ({
    status: 200,
    body: await changeTwoFactorPolicy(principal, body.requiredForAdmins, { correlationId, sourceIp }),
  }),
);
