import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** How far a POS clock may be from ours before a request counts as replayed or forged. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** X-Pos-Key: the id of the POS key the request is signed with. */
export const posKeyIdHeaderSchema = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/)));

/** X-Pos-Timestamp: when the till signed the request, in Unix seconds. */
export const posTimestampHeaderSchema = lazySchema(() => z.string().check(z.regex(/^\d{9,11}$/)));

/** X-Pos-Signature, as `signPosRequest` makes it. */
export const posSignatureHeaderSchema = lazySchema(() =>
  z.string().check(z.trim(), z.regex(/^v1=[0-9a-f]{64}$/)),
);

/** `v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>` */
export function signPosRequest(secret: string, timestamp: string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export function isFreshTimestamp(timestamp: string | undefined, nowSeconds: number): boolean {
  if (!posTimestampHeaderSchema.safeParse(timestamp).success) return false;
  return Math.abs(nowSeconds - Number(timestamp)) <= MAX_CLOCK_SKEW_SECONDS;
}

/** Compares in constant time, so the signature cannot be guessed byte by byte. */
export function signatureMatches(
  secret: string,
  timestamp: string,
  rawBody: string,
  presented: string | undefined,
): boolean {
  if (!presented) return false;
  const expected = Buffer.from(signPosRequest(secret, timestamp, rawBody));
  const actual = Buffer.from(presented.trim());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
