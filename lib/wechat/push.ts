import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import * as z from '../zod';
import { documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { problems } from '../http/problem';
import { lazySchema } from '../lazy-schema';

/** How far a push's timestamp may lie from our clock, either way; its nonce is remembered that long. */
export const PUSH_TIME_WINDOW_SECONDS = 300;

/** What WeChat signs and encrypts its pushes with: the mini program's message push settings. */
export interface PushSettings {
  token: string;
  /** 43 base64 characters standing for a 32-byte AES key. */
  encodingAesKey: string;
  appid: string;
}

const sha1OfSorted = (parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
const sameHex = (expected: string, given: string) =>
  expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));

/** The handshake's signature: sha1 of token, timestamp and nonce, sorted and joined. It covers no body. */
export function pushSignatureMatches(
  token: string,
  query: { signature?: string; timestamp?: string; nonce?: string },
): boolean {
  if (!query.signature || !query.timestamp || !query.nonce) return false;
  return sameHex(sha1OfSorted([token, query.timestamp, query.nonce]), query.signature);
}

/** Safe mode's msg_signature: sha1 of token, timestamp, nonce and the ciphertext, sorted and joined. */
export const messageSignature = (token: string, timestamp: string, nonce: string, encrypted: string) =>
  sha1OfSorted([token, timestamp, nonce, encrypted]);

/** Whether a push's timestamp (epoch seconds) lies within the window around `now`. */
export const pushTimeIsFresh = (timestamp: string, now: Date) =>
  Math.abs(Number(timestamp) - now.getTime() / 1000) <= PUSH_TIME_WINDOW_SECONDS;

/** Safe mode pads with PKCS#7 to 32-byte blocks, not AES's 16. */
const PAD_BLOCK = 32;
const RANDOM_PREFIX_BYTES = 16;

/**
 * Decrypts a safe-mode `Encrypt` field: AES-256-CBC with the EncodingAESKey (IV: the key's first 16 bytes)
 * over 16 random bytes, the message's length (4 bytes, big-endian), the message and the appid. Undefined
 * for anything that is not such a plaintext.
 */
export function decryptPushMessage(
  encodingAesKey: string,
  encrypted: string,
): { message: string; appid: string } | undefined {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  } catch {
    return undefined;
  }
  const pad = plain.at(-1) ?? 0;
  if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) return undefined;
  if (!plain.subarray(plain.length - pad).every((byte) => byte === pad)) return undefined;
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < RANDOM_PREFIX_BYTES + 4) return undefined;
  const length = content.readUInt32BE(RANDOM_PREFIX_BYTES);
  const start = RANDOM_PREFIX_BYTES + 4;
  if (start + length > content.length) return undefined;
  return {
    message: content.subarray(start, start + length).toString('utf8'),
    appid: content.subarray(start + length).toString('utf8'),
  };
}

export interface PushQuery {
  timestamp: string;
  nonce: string;
  encrypt_type?: string;
  msg_signature?: string;
}

/**
 * Opens a push sent in safe mode: the msg_signature must cover this ciphertext, the timestamp be within
 * five minutes of `now`, and the plaintext name our app. Answers the message WeChat sent, parsed.
 */
export function openSafeModePush(
  settings: PushSettings,
  query: PushQuery,
  body: { Encrypt?: string },
  now: Date,
): unknown {
  if (query.encrypt_type !== 'aes' || !query.msg_signature || !body.Encrypt)
    throw problems.unauthorized(
      'WECHAT_PUSH_NOT_ENCRYPTED',
      'Message pushes are accepted in safe mode only (encrypt_type=aes with msg_signature).',
    );
  const expected = messageSignature(settings.token, query.timestamp, query.nonce, body.Encrypt);
  if (!sameHex(expected, query.msg_signature))
    throw problems.unauthorized('WECHAT_SIGNATURE_INVALID', 'The push signature is invalid.');
  if (!pushTimeIsFresh(query.timestamp, now))
    throw problems.unauthorized('WECHAT_PUSH_STALE', 'The push timestamp is more than 5 minutes off.');
  const opened = decryptPushMessage(settings.encodingAesKey, body.Encrypt);
  if (!opened || opened.appid !== settings.appid)
    throw problems.unauthorized('WECHAT_PUSH_INVALID', 'The push is not a message for this app.');
  try {
    return JSON.parse(opened.message) as unknown;
  } catch {
    throw problems.unauthorized('WECHAT_PUSH_INVALID', 'The push is not a message for this app.');
  }
}

const nonceKey = (nonce: string) => ({ pk: `WECHATPUSH#${nonce}`, sk: 'NONCE' });

/** Claims a push's nonce for the time window: false if a push with it was received already. */
async function claimPushNonce(query: PushQuery, now: Date): Promise<boolean> {
  try {
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: {
        ...nonceKey(query.nonce),
        timestamp: query.timestamp,
        expiresAt: Number(query.timestamp) + PUSH_TIME_WINDOW_SECONDS,
      },
      // TTL deletes late: a claim past its window no longer counts.
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Receives a push: opened in safe mode, then acted on once. Its nonce is claimed before `act`, so a replay
 * within the window is refused; a push whose action failed gives its nonce back for WeChat's retry.
 */
export async function receiveSafeModePush(
  settings: PushSettings,
  query: PushQuery,
  body: { Encrypt?: string },
  now: Date,
  act: (message: unknown) => Promise<void>,
): Promise<void> {
  const message = openSafeModePush(settings, query, body, now);
  if (!(await claimPushNonce(query, now)))
    throw problems.unauthorized('WECHAT_PUSH_REPLAYED', 'This push was received already.');
  try {
    await act(message);
  } catch (error) {
    await documents.delete({ TableName: tableNameFromEnv('main'), Key: nonceKey(query.nonce) });
    throw error;
  }
}

const timestampSchema = () =>
  z
    .string()
    .check(
      z.regex(/^\d{9,11}$/),
      z.describe(`Unix seconds; within ${PUSH_TIME_WINDOW_SECONDS} s of our clock`),
    );
const nonceSchema = () =>
  z.string().check(z.minLength(1), z.maxLength(64), z.describe('Random; a push is accepted once per nonce'));
const hexSignatureSchema = () => z.string().check(z.regex(/^[0-9a-f]{40}$/));
const SIGNATURE = 'Hex SHA-1 of the push token, timestamp and nonce, sorted and joined';
const openidSchema = () =>
  z.optional(
    z
      .string()
      .check(
        z.maxLength(128),
        z.describe("The sender's openid; what a push does is read from its decrypted message"),
      ),
  );
const encryptTypeSchema = () =>
  z.optional(
    z.string().check(z.maxLength(16), z.describe('aes in safe mode, the only mode pushes are accepted in')),
  );

/** WeChat's GET that checks our endpoint when the push settings are saved. */
export const pushHandshakeQuerySchema = lazySchema(() =>
  z.strictObject({
    signature: hexSignatureSchema().check(z.describe(SIGNATURE)),
    timestamp: timestampSchema(),
    nonce: nonceSchema(),
    echostr: z.optional(
      z.string().check(z.maxLength(128), z.describe('Echoed back when the signature holds')),
    ),
    openid: openidSchema(),
    encrypt_type: encryptTypeSchema(),
    msg_signature: z.optional(z.string().check(z.maxLength(64), z.describe('Ignored by the handshake'))),
  }),
);

/** A push's query string; in safe mode it carries encrypt_type=aes and msg_signature. */
export const pushQuerySchema = lazySchema(() =>
  z.strictObject({
    signature: z.optional(
      hexSignatureSchema().check(z.describe(`${SIGNATURE}; safe mode checks msg_signature`)),
    ),
    timestamp: timestampSchema(),
    nonce: nonceSchema(),
    openid: openidSchema(),
    encrypt_type: encryptTypeSchema(),
    msg_signature: z.optional(
      hexSignatureSchema().check(
        z.describe('Hex SHA-1 of the push token, timestamp, nonce and Encrypt, sorted and joined'),
      ),
    ),
  }),
);

/** A push's JSON body: the ciphertext, beside plaintext fields that compatibility mode adds and we ignore. */
export const pushBodySchema = lazySchema(() =>
  z.object({
    ToUserName: z.optional(
      z.string().check(z.maxLength(128), z.describe("The mini program's original id (gh_...)")),
    ),
    Encrypt: z.optional(
      z
        .string()
        .check(
          z.regex(/^[A-Za-z0-9+/]+={0,2}$/),
          z.maxLength(12_000),
          z.describe('The message, AES-256-CBC encrypted with the EncodingAESKey, in base64'),
        ),
    ),
  }),
);

/** The pushes we act on; others are acknowledged and ignored. */
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
