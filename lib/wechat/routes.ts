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
