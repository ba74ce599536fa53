import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { withImageUrl } from '../../lib/rewards/images';
import { getReward, updateReward } from '../../lib/rewards/catalogue';
import { updateRewardRoute } from '../../lib/rewards/routes';
import { rewardAuditSubject } from '../../lib/rewards/schemas';

export const handler = httpHandler(
  updateRewardRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    const before = await getReward(params.rewardId);
    const reward = await updateReward(params.rewardId, body);
    await recordStaffAction({
      actor: principal,
      action: 'reward.update',
      target: rewardAuditSubject.target(reward.id),
      before,
      after: reward,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: withImageUrl(reward) };
  },
);
