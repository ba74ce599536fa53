import { httpHandler } from '../../lib/http/handler';
import { presignRewardImageUpload } from '../../lib/rewards/images';
import { createRewardImageUploadRoute } from '../../lib/rewards/routes';

// Nothing changes until a reward names the uploaded picture (audited then): no audit entry here.
export const handler = httpHandler(createRewardImageUploadRoute, async ({ body }) => ({
  status: 201,
  body: await presignRewardImageUpload(body.contentType, body.size),
}));
