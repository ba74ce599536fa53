import { httpHandler } from '../../lib/http/handler';
import { acceptPurchase } from '../../lib/pos/intake';
import { recordPosTransactionRoute } from '../../lib/pos/routes';

export const handler = httpHandler(recordPosTransactionRoute, async ({ principal, body, correlationId }) => ({
  status: 202,
  body: await acceptPurchase(principal, body, correlationId),
}));
