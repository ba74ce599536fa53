import { replaceOwnRecoveryCodes } from '../../lib/auth/two-factor-account';
import { replaceOwnRecoveryCodesRoute } from '../../lib/auth/two-factor-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  replaceOwnRecoveryCodesRoute,
  async ({ principal, body, correlationId, sourceIp }) => ({
    status: 200,
    body: await replaceOwnRecoveryCodes(principal, body.code, { correlationId, sourceIp }),
  }),
);
