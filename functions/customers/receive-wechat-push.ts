import { actOnWeChatPush } from '../../lib/customers/wechat-withdrawal';
import { httpHandler } from '../../lib/http/handler';
import { pushSettings } from '../../lib/wechat/client';
import { receiveSafeModePush } from '../../lib/wechat/push';
import { receiveWeChatPushRoute } from '../../lib/wechat/routes';

export const handler = httpHandler(receiveWeChatPushRoute, async ({ query, body, correlationId }) => {
  await receiveSafeModePush(await pushSettings(), query, body, new Date(), (message) =>
    actOnWeChatPush(message, correlationId),
  );
  return { status: 200, body: 'success', headers: { 'content-type': 'text/plain' } };
});
