import { httpHandler } from '../../lib/http/handler';
import { getTierLadderRoute } from '../../lib/loyalty/admin-routes';
import { tierLadder } from '../../lib/loyalty/tier-store';

export const handler = httpHandler(getTierLadderRoute, async () => ({
  status: 200,
  body: { tiers: await tierLadder() },
}));
