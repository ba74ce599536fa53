import { createHash, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
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
  z
    .object({
      signature: z.string().regex(/^[0-9a-f]{40}$/),
      timestamp: z.string().regex(/^\d{9,11}$/),
      nonce: z.string().min(1).max(64),
      echostr: z.string().max(128).optional(),
      openid: z.string().max(128).optional(),
      encrypt_type: z.string().max(16).optional(),
      msg_signature: z.string().max(64).optional(),
    })
    .strict(),
);

/** The JSON pushes we act on; others are acknowledged and ignored. */
export const authorizationRevokedSchema = lazySchema(() =>
  z.object({
    ToUserName: z.string(),
    FromUserName: z.string(),
    CreateTime: z.number(),
    MsgType: z.literal('event'),
    Event: z.enum(['user_authorization_revoke', 'user_authenticate_cancel']),
    OpenID: z.string().min(1),
    AppID: z.string().optional(),
    RevokeInfo: z.string().optional(),
  }),
);
