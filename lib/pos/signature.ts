import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a POS clock may be from ours before a request counts as replayed or forged. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** `v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>` */
export function signPosRequest(secret: string, timestamp: string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export function isFreshTimestamp(timestamp: string | undefined, nowSeconds: number): boolean {
  if (!timestamp || !/^\d{9,11}$/.test(timestamp)) return false;
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
