import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { pushToken } from '../../lib/wechat/client';
import { pushSignatureMatches, pushTimeIsFresh } from '../../lib/wechat/push';
import { verifyWeChatPushRoute } from '../../lib/wechat/routes';

export const handler = httpHandler(verifyWeChatPushRoute, async ({ query }) => {
  if (!pushSignatureMatches(await pushToken(), query) || !query.echostr)
    throw problems.unauthorized('WECHAT_SIGNATURE_INVALID', 'The push signature is invalid.');
  // A signature seen once (in a log, a proxy) must not make us echo whatever text is sent with it later.
  if (!pushTimeIsFresh(query.timestamp, new Date()))
    throw problems.unauthorized('WECHAT_PUSH_STALE', 'The push timestamp is more than 5 minutes off.');
  return { status: 200, body: query.echostr, headers: { 'content-type': 'text/plain' } };
});
