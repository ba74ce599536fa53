import { startOwnEnrolment } from '../../lib/auth/two-factor-account';
import { startOwnEnrolmentRoute } from '../../lib/auth/two-factor-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(startOwnEnrolmentRoute, async ({ principal }) => ({
  status: 200,
  body: await startOwnEnrolment(principal),
}));
