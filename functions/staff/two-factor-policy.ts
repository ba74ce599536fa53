import { readTwoFactorPolicy } from '../../lib/auth/two-factor';
import { twoFactorPolicyView } from '../../lib/auth/two-factor-account';
import { twoFactorPolicyRoute } from '../../lib/auth/two-factor-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(twoFactorPolicyRoute, async () => ({
  status: 200,
  body: twoFactorPolicyView(await readTwoFactorPolicy()),
}));
