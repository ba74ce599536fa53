import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { collectPickup } from '../../lib/rewards/pickups';
import { normalisePickupCode } from '../../lib/rewards/redemption';
import { collectPickupRoute } from '../../lib/rewards/routes';
import { redemptionAuditSubject } from '../../lib/rewards/schemas';

export const handler = httpHandler(
  collectPickupRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const collected = await collectPickup(principal, normalisePickupCode(params.code), correlationId);
    // The pickup code is a bearer value until used: the audit names the redemption, not the code.
    await recordStaffAction({
      actor: principal,
      action: 'redemption.collect',
      target: redemptionAuditSubject.target(collected.redemptionId),
      after: {
        rewardId: collected.rewardId,
        rewardName: collected.rewardName,
        quantity: collected.quantity,
        collectedAt: collected.collectedAt,
      },
      correlationId,
      sourceIp,
    });
    return { status: 200, body: collected };
  },
);
