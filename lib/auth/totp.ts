import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) as authenticator apps compute them:
 * HMAC-SHA-1, 6 digits, 30-second steps. Built on node:crypto rather than a library: the algorithm is
 * a dozen lines, the RFC's own vectors check it (test/unit/totp.test.ts), and the rules around it that
 * matter here (one use per step, ±1 step of clock skew) are ours to keep in the database anyway.
 */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now a code is taken from: a phone's clock half a minute off still signs in. */
export const TOTP_SKEW_STEPS = 1;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** RFC 4226 §5.3: the HMAC of the 8-byte counter, dynamically truncated to `digits` decimal digits. */
export function hotp(
  secret: Buffer,
  counter: number,
  digits = TOTP_DIGITS,
  algorithm: TotpAlgorithm = 'sha1',
) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step a moment falls in (RFC 6238 §4.2, T0 = 0). */
export const totpStep = (at: Date) => Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);

/** The code of the step `at` falls in. */
export const totpAt = (
  secret: Buffer,
  at: Date,
  { digits = TOTP_DIGITS, algorithm = 'sha1' as TotpAlgorithm } = {},
) => hotp(secret, totpStep(at), digits, algorithm);

const sameCode = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The step whose code `code` is, among now's and the steps within the skew either side, or undefined.
 * Every candidate is computed and compared in constant time, so the answer takes as long either way.
 */
export function matchTotpStep(secret: Buffer, code: string, at: Date): number | undefined {
  const now = totpStep(at);
  let matched: number | undefined;
  for (let step = now - TOTP_SKEW_STEPS; step <= now + TOTP_SKEW_STEPS; step++) {
    if (sameCode(hotp(secret, step), code) && matched === undefined) matched = step;
  }
  return matched;
}

/** A new shared secret: 160 bits, the HMAC-SHA-1 key length RFC 4226 recommends. */
export const newTotpSecret = () => randomBytes(20);

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as otpauth:// URIs and authenticator apps take secrets. */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('Not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/**
 * The otpauth:// URI authenticator apps read from a QR code (Google Authenticator's Key Uri Format):
 * the label names the issuer and the account, so a staff member with several accounts tells them apart.
 */
export function otpauthUri({ issuer, account, secret }: { issuer: string; account: string; secret: Buffer }) {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}
