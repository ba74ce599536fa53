import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { saveEarningRulesRoute } from '../../lib/loyalty/admin-routes';
import { earningRulesAuditSubject, saveEarningRules } from '../../lib/loyalty/earning-rules-store';
import { assertTiersInLadder } from '../../lib/loyalty/tier-store';

export const handler = httpHandler(
  saveEarningRulesRoute,
  async ({ principal, body, correlationId, sourceIp }) => {
    await assertTiersInLadder(
      Object.keys(body.rules.tierMultipliers).map((code) => ({
        path: ['rules', 'tierMultipliers', code],
        code,
      })),
    );
    const saved = await saveEarningRules(body.rules, body.effectiveFrom, principal.staffId);
    await recordStaffAction({
      actor: principal,
      action: 'earning-rules.save',
      target: earningRulesAuditSubject.target(String(saved.version)),
      after: saved,
      correlationId,
      sourceIp,
    });
    return { status: 201, body: saved };
  },
);
