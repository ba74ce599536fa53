import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { readConfiguredSecret } from '../secrets';
import type { Booking, Venue } from './model';

/**
 * The check-in code a member's PWA shows as a QR and the venue's staff scan: `<payload>.<mac>`, both
 * base64url, the payload `{ b: bookingId, v: venueId, e: expiry (seconds since the epoch) }`. It lives five
 * minutes (the PWA fetches a fresh one), so a screenshot forwarded later is useless; the booking's own
 * window (30 minutes before the start until the grace period has passed) is checked at the scan.
 */

const MINUTE_MS = 60_000;
export const CODE_LIFETIME_MS = 5 * MINUTE_MS;
/** Check-in opens this long before the start. */
export const CHECK_IN_OPENS_BEFORE_MS = 30 * MINUTE_MS;
/**
 * 16 of HMAC-SHA256's 32 bytes: a forger must guess 128 bits within the code's five minutes, far beyond
 * reach, and the QR stays small enough to scan from a phone screen in a dim restaurant.
 */
const MAC_BYTES = 16;
/** A scan longer than this is no code of ours (and is not worth hashing). */
export const MAX_CODE_LENGTH = 200;

const payloadSchema = lazySchema(() =>
  z.strictObject({
    b: z.string().check(z.minLength(1), z.maxLength(64)),
    v: z.string().check(z.minLength(1), z.maxLength(40)),
    e: z.int().check(z.positive()),
  }),
);
export type CheckInPayload = z.infer<typeof payloadSchema>;

const checkInKeySecretSchema = lazySchema(() => z.object({ key: z.string().check(z.minLength(32)) }));

/**
 * The key that signs check-in codes: derived with HKDF from the cursor secret under its own label, so
 * neither purpose's key is ever used for the other (and a check-in MAC says nothing about cursors).
 */
export async function checkInKey(): Promise<Buffer> {
  const { key } = await readConfiguredSecret('cursorKey', checkInKeySecretSchema);
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'sbm-crm booking check-in code v1', 32));
}

const macOf = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(payload).digest().subarray(0, MAC_BYTES);

/** Signs a code for a booking, valid for five minutes from `now`. */
export function signCheckInCode(
  booking: Pick<Booking, 'bookingId' | 'venueId'>,
  key: Buffer,
  now: Date,
): { code: string; expiresAt: Date } {
  const expiresAt = new Date(Math.floor((now.getTime() + CODE_LIFETIME_MS) / 1000) * 1000);
  const payload = Buffer.from(
    JSON.stringify({ b: booking.bookingId, v: booking.venueId, e: expiresAt.getTime() / 1000 }),
  ).toString('base64url');
  return { code: `${payload}.${macOf(key, payload).toString('base64url')}`, expiresAt };
}

export type CodeReading =
  { valid: true; payload: CheckInPayload } | { valid: false; reason: 'malformed' | 'forged' | 'expired' };

/** Reads a scanned code: its MAC first (nothing unsigned is parsed further), then its expiry. */
export function readCheckInCode(code: string, key: Buffer, now: Date): CodeReading {
  const parts = code.split('.');
  if (code.length > MAX_CODE_LENGTH || parts.length !== 2) return { valid: false, reason: 'malformed' };
  const [payload, mac] = parts as [string, string];
  if (!/^[\w-]+$/.test(payload) || !/^[\w-]+$/.test(mac)) return { valid: false, reason: 'malformed' };
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== MAC_BYTES || !timingSafeEqual(given, macOf(key, payload)))
    return { valid: false, reason: 'forged' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return { valid: false, reason: 'malformed' };
  if (parsed.data.e * 1000 < now.getTime()) return { valid: false, reason: 'expired' };
  return { valid: true, payload: parsed.data };
}

/** When a booking may be checked in: from 30 minutes before its start until its start plus the grace. */
export function checkInWindow(booking: Pick<Booking, 'start'>, venue: Pick<Venue, 'noShowGraceMinutes'>) {
  const start = Date.parse(booking.start);
  return {
    opensAt: new Date(start - CHECK_IN_OPENS_BEFORE_MS),
    closesAt: new Date(start + venue.noShowGraceMinutes * MINUTE_MS),
  };
}

/** Where `now` stands against a booking's check-in window (both ends belong to it). */
export function checkInTiming(
  booking: Pick<Booking, 'start'>,
  venue: Pick<Venue, 'noShowGraceMinutes'>,
  now: Date,
): 'too-early' | 'open' | 'closed' {
  const { opensAt, closesAt } = checkInWindow(booking, venue);
  if (now.getTime() < opensAt.getTime()) return 'too-early';
  if (now.getTime() > closesAt.getTime()) return 'closed';
  return 'open';
}

/**
 * Whether a booking is a no-show at `now`: still confirmed once its check-in window has closed. The same
 * instant that closes check-in (start plus grace) is still inside it, so the two never both hold.
 */
export const isNoShowAt = (
  booking: Pick<Booking, 'start' | 'status'>,
  venue: Pick<Venue, 'noShowGraceMinutes'>,
  now: Date,
) => booking.status === 'confirmed' && checkInTiming(booking, venue, now) === 'closed';
