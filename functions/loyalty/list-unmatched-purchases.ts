import { httpHandler } from '../../lib/http/handler';
import { listUnmatchedPurchasesRoute } from '../../lib/loyalty/admin-routes';
import { listUnmatchedPurchases } from '../../lib/loyalty/ledger';

export const handler = httpHandler(listUnmatchedPurchasesRoute, async ({ query }) => ({
  status: 200,
  body: await listUnmatchedPurchases(query),
}));
