import { recordPersonalDataRead } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { listMemberRedemptions } from '../../lib/rewards/redemption';
import { listMemberRedemptionsRoute } from '../../lib/rewards/routes';

export const handler = httpHandler(
  listMemberRedemptionsRoute,
  async ({ principal, params, query, correlationId, sourceIp }) => {
    const page = await listMemberRedemptions(params.customerId, query);
    // What a member redeemed tells about them, as their ledger does: who read it is on record.
    await recordPersonalDataRead({
      actor: principal,
      action: 'rewards.vouchers.read',
      customerIds: [params.customerId],
      correlationId,
      sourceIp,
    });
    return { status: 200, body: page };
  },
);
