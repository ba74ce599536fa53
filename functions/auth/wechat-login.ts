import { wechatLoginRoute } from '../../lib/auth/routes';
import { signInWithWeChat } from '../../lib/auth/wechat-sign-in';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(wechatLoginRoute, async ({ body, correlationId }) => ({
  status: 200,
  body: await signInWithWeChat(body.code, correlationId),
}));
