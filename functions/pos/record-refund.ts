import { httpHandler } from '../../lib/http/handler';
import { acceptRefund } from '../../lib/pos/intake';
import { recordPosRefundRoute } from '../../lib/pos/routes';

export const handler = httpHandler(recordPosRefundRoute, async ({ principal, body, correlationId }) => ({
  status: 202,
  body: await acceptRefund(principal, body, correlationId),
}));
