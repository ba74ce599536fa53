import { httpHandler } from '../../lib/http/handler';
import { listEarningRulesRoute } from '../../lib/loyalty/admin-routes';
import { listEarningRuleVersions } from '../../lib/loyalty/earning-rules-store';

export const handler = httpHandler(listEarningRulesRoute, async () => ({
  status: 200,
  body: { items: await listEarningRuleVersions() },
}));
