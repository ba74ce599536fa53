import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { saveTierLadderRoute } from '../../lib/loyalty/admin-routes';
import { programmeConfigAuditSubject, saveTierLadder, tierLadder } from '../../lib/loyalty/tier-store';

export const handler = httpHandler(
  saveTierLadderRoute,
  async ({ principal, body, correlationId, sourceIp }) => {
    const before = await tierLadder();
    const tiers = await saveTierLadder(body.tiers, principal.staffId);
    await recordStaffAction({
      actor: principal,
      action: 'tiers.save',
      target: programmeConfigAuditSubject.target('tiers'),
      before,
      after: tiers,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: { tiers } };
  },
);
