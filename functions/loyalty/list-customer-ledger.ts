import { recordPersonalDataRead } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { listCustomerLedgerRoute } from '../../lib/loyalty/admin-routes';
import { listLedger } from '../../lib/loyalty/ledger-listing';

export const handler = httpHandler(
  listCustomerLedgerRoute,
  async ({ principal, params, query, correlationId, sourceIp }) => {
    const page = await listLedger(params.customerId, query);
    // A member's purchases and redemptions are personal data: who read them is on record.
    await recordPersonalDataRead({
      actor: principal,
      action: 'loyalty.ledger.read',
      customerIds: [params.customerId],
      correlationId,
      sourceIp,
    });
    return { status: 200, body: page };
  },
);
