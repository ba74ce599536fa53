import { defineRoute } from '../http/route';
import { problemSchema } from '../http/problem';
import { pushBodySchema, pushHandshakeQuerySchema, pushQuerySchema } from './push';

// Public: WeChat proves itself with the push signature, checked in the function before anything else.
export const verifyWeChatPushRoute = defineRoute({
  method: 'GET',
  path: '/v1/wechat/push',
  auth: { kind: 'public' },
  tag: 'wechat',
  summary: "WeChat's message push handshake: echoes echostr when the signature is valid and recent",
  query: pushHandshakeQuerySchema,
  responses: {
    200: { description: 'echostr, as text' },
    400: { description: 'Bad query', schema: problemSchema },
    401: { description: 'Bad or stale signature', schema: problemSchema },
  },
});

export const receiveWeChatPushRoute = defineRoute({
  method: 'POST',
  path: '/v1/wechat/push',
  auth: { kind: 'public' },
  tag: 'wechat',
  summary:
    'WeChat message push (JSON, safe mode: AES-encrypted and signed with msg_signature, within 5 minutes, ' +
    'once per nonce); a user_authorization_revoke erases the member',
  query: pushQuerySchema,
  body: pushBodySchema,
  bodyExample: {
    ToUserName: 'gh_3a1f9c2e7b5d',
    Encrypt:
      '4vD5SaHYiGkc9/oD3tXcWs8XIK4vJneK6jKTzEy/XjtXpA2vLEuE7xaCD0lgUleQGQZo9oe0M4lRHcD8sjKQPlNpfP4cbes5vpxJVGJbAARzhi9gLmKRaGhb836QF4G3cdAXtRVlPjEKSuHAHFV7i0JIH8ZErUCWK80qPPuqJMlp4caQ579BRp1KSpRUvIHhK0bM0UDpNMZtme2/AmE+Q3Gx+4S+27KNgye5qHMgtYL7GGWeZMLHjTWg0ucYWMWqYrefA0MWpdwGpcA6dX2wYj+OlgCQAdxU19RgDizWJStLYMpGM3HWO7UA3xh3v66BgYuaX7F98CQWFpPypW9IZi+lFUQk9EOndHrQ8wDpEkCkOXLCwQ8S+qmJUDM4lE90q/Pqd2LMAanjsdAKu57+xDb+d7pQzkjYGTY9kJam9TPsy2XFOpWmCPJxGZhelROC',
  },
  responses: {
    200: { description: '"success", as text' },
    400: { description: 'Bad query or body', schema: problemSchema },
    401: {
      description:
        'WECHAT_PUSH_NOT_ENCRYPTED, WECHAT_SIGNATURE_INVALID, WECHAT_PUSH_STALE, WECHAT_PUSH_INVALID or WECHAT_PUSH_REPLAYED',
      schema: problemSchema,
    },
  },
});
