import { resetStaffTwoFactor } from '../../lib/auth/two-factor-account';
import { resetStaffTwoFactorRoute } from '../../lib/auth/two-factor-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  resetStaffTwoFactorRoute,
  async ({ principal, params, correlationId, sourceIp }) => ({
    status: 200,
    body: await resetStaffTwoFactor(principal, params.staffId, { correlationId, sourceIp }),
  }),
);
