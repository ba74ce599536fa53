import { confirmOwnEnrolment } from '../../lib/auth/two-factor-account';
import { confirmOwnEnrolmentRoute } from '../../lib/auth/two-factor-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  confirmOwnEnrolmentRoute,
  async ({ principal, body, correlationId, sourceIp }) => ({
    status: 200,
    body: await confirmOwnEnrolment(principal, body.code, { correlationId, sourceIp }),
  }),
);
