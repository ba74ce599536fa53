import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { withImageUrl } from '../../lib/rewards/images';
import { retireReward } from '../../lib/rewards/catalogue';
import { retireRewardRoute } from '../../lib/rewards/routes';
import { rewardAuditSubject } from '../../lib/rewards/schemas';

export const handler = httpHandler(
  retireRewardRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const reward = await retireReward(params.rewardId);
    await recordStaffAction({
      actor: principal,
      action: 'reward.retire',
      target: rewardAuditSubject.target(reward.id),
      after: reward,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: withImageUrl(reward) };
  },
);
