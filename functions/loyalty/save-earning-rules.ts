import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { saveEarningRulesRoute } from '../../lib/loyalty/admin-routes';
import { saveEarningRules } from '../../lib/loyalty/earning-rules-store';

export const handler = httpHandler(
  saveEarningRulesRoute,
  async ({ principal, body, correlationId, sourceIp }) => {
    const saved = await saveEarningRules(body.rules, body.effectiveFrom, principal.staffId);
    await recordStaffAction({
      actor: principal,
      action: 'earning-rules.save',
      target: `earning-rules:${saved.version}`,
      after: saved,
      correlationId,
      sourceIp,
    });
    return { status: 201, body: saved };
  },
);
