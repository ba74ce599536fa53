import { httpHandler } from '../../lib/http/handler';
import { listMemberVouchers } from '../../lib/rewards/redemption';
import { listMyVouchersRoute } from '../../lib/rewards/routes';

export const handler = httpHandler(listMyVouchersRoute, async ({ principal }) => ({
  status: 200,
  body: { items: await listMemberVouchers(principal.customerId) },
}));
