import * as z from '../zod';
import { defineRoute } from '../http/route';
import { problemSchema } from '../http/problem';
import { pushQuerySchema } from './push';
import { lazySchema } from '../lazy-schema';

// Public: WeChat proves itself with the push signature, checked in the function before anything else.
export const verifyWeChatPushRoute = defineRoute({
  method: 'GET',
  path: '/v1/wechat/push',
  auth: { kind: 'public' },
  tag: 'wechat',
  summary: "WeChat's message push handshake: echoes echostr when the signature is valid",
  query: pushQuerySchema,
  responses: {
    200: { description: 'echostr, as text' },
    400: { description: 'Bad query', schema: problemSchema },
    401: { description: 'Bad signature', schema: problemSchema },
  },
});

export const receiveWeChatPushRoute = defineRoute({
  method: 'POST',
  path: '/v1/wechat/push',
  auth: { kind: 'public' },
  tag: 'wechat',
  summary: 'WeChat message push (JSON, plaintext mode); a user_authorization_revoke erases the member',
  query: pushQuerySchema,
  body: lazySchema(() => z.record(z.string(), z.unknown())),
  responses: {
    200: { description: '"success", as text' },
    401: { description: 'Bad signature', schema: problemSchema },
  },
});
