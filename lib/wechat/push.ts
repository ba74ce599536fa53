import { createHash, timingSafeEqual } from 'node:crypto';
import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** WeChat signs a push as sha1 of token, timestamp and nonce, sorted and joined. */
export function pushSignatureMatches(
  token: string,
  query: { signature?: string; timestamp?: string; nonce?: string },
): boolean {
  if (!query.signature || !query.timestamp || !query.nonce) return false;
  const expected = createHash('sha1')
    .update([token, query.timestamp, query.nonce].sort().join(''))
    .digest('hex');
  return (
    expected.length === query.signature.length &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(query.signature))
  );
}

export const pushQuerySchema = lazySchema(() =>
  z.strictObject({
    signature: z.string().check(z.regex(/^[0-9a-f]{40}$/)),
    timestamp: z.string().check(z.regex(/^\d{9,11}$/)),
    nonce: z.string().check(z.minLength(1), z.maxLength(64)),
    echostr: z.optional(z.string().check(z.maxLength(128))),
    openid: z.optional(z.string().check(z.maxLength(128))),
    encrypt_type: z.optional(z.string().check(z.maxLength(16))),
    msg_signature: z.optional(z.string().check(z.maxLength(64))),
  }),
);

/** The JSON pushes we act on; others are acknowledged and ignored. */
export const authorizationRevokedSchema = lazySchema(() =>
  z.object({
    ToUserName: z.string(),
    FromUserName: z.string(),
    CreateTime: z.number(),
    MsgType: z.literal('event'),
    Event: z.enum(['user_authorization_revoke', 'user_authenticate_cancel']),
    OpenID: z.string().check(z.minLength(1)),
    AppID: z.optional(z.string()),
    RevokeInfo: z.optional(z.string()),
  }),
);
