import { httpHandler } from '../../lib/http/handler';
import { listLedger } from '../../lib/loyalty/ledger-listing';
import { listMyTransactionsRoute } from '../../lib/loyalty/routes';

export const handler = httpHandler(listMyTransactionsRoute, async ({ principal, query }) => ({
  status: 200,
  body: await listLedger(principal.customerId, query),
}));
