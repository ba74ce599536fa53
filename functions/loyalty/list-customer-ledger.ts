import { httpHandler } from '../../lib/http/handler';
import { listCustomerLedgerRoute } from '../../lib/loyalty/admin-routes';
import { listLedger } from '../../lib/loyalty/ledger-listing';

export const handler = httpHandler(listCustomerLedgerRoute, async ({ params, query }) => ({
  status: 200,
  body: await listLedger(params.customerId, query),
}));
