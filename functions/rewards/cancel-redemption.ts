import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { cancelRedemption, customerOfRedemption } from '../../lib/rewards/redemption';
import { cancelRedemptionRoute } from '../../lib/rewards/routes';
import { redemptionAuditSubject } from '../../lib/rewards/schemas';

export const handler = httpHandler(
  cancelRedemptionRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    const customerId = await customerOfRedemption(params.redemptionId);
    if (!customerId) throw problems.notFound(`Redemption ${params.redemptionId}`);
    const outcome = await cancelRedemption(customerId, params.redemptionId, body.reason, correlationId);
    await recordStaffAction({
      actor: principal,
      action: 'redemption.cancel',
      target: redemptionAuditSubject.target(params.redemptionId),
      after: { ...outcome, reason: body.reason },
      correlationId,
      sourceIp,
    });
    return { status: 200, body: outcome };
  },
);
