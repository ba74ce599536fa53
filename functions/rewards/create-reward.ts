import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { withImageUrl } from '../../lib/rewards/images';
import { createReward } from '../../lib/rewards/catalogue';
import { createRewardRoute } from '../../lib/rewards/routes';
import { rewardAuditSubject } from '../../lib/rewards/schemas';

export const handler = httpHandler(
  createRewardRoute,
  async ({ principal, body, correlationId, sourceIp }) => {
    const reward = await createReward(body);
    await recordStaffAction({
      actor: principal,
      action: 'reward.create',
      target: rewardAuditSubject.target(reward.id),
      after: reward,
      correlationId,
      sourceIp,
    });
    return { status: 201, body: withImageUrl(reward) };
  },
);
