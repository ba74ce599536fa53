import { adminLoginRoute } from '../../lib/auth/routes';
import { signInStaff } from '../../lib/auth/staff-sign-in';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(adminLoginRoute, async ({ body, sourceIp, correlationId }) => ({
  status: 200,
  body: await signInStaff(body.email, body.password, sourceIp, correlationId),
}));
