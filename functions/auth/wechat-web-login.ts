import { wechatWebLoginRoute } from '../../lib/auth/routes';
import { signInWithWeChatWeb } from '../../lib/auth/wechat-sign-in';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(wechatWebLoginRoute, async ({ body, correlationId }) => ({
  status: 200,
  body: await signInWithWeChatWeb(body.code, correlationId),
}));
