import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { pushToken } from '../../lib/wechat/client';
import { pushSignatureMatches } from '../../lib/wechat/push';
import { verifyWeChatPushRoute } from '../../lib/wechat/routes';

export const handler = httpHandler(verifyWeChatPushRoute, async ({ query }) => {
  if (!pushSignatureMatches(await pushToken(), query) || !query.echostr) {
    throw problems.unauthorized('WECHAT_SIGNATURE_INVALID', 'The push signature is invalid.');
  }
  return { status: 200, body: query.echostr, headers: { 'content-type': 'text/plain' } };
});
