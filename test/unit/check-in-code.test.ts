// The check-in code and window as pure rules: the code's format, its MAC and expiry, and the window's edges.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkInKey,
  checkInTiming,
  isNoShowAt,
  readCheckInCode,
  signCheckInCode,
} from '../../lib/bookings/check-in';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const now = new Date('2026-12-12T05:50:00.000Z');
const booking = { bookingId: '01JE0000000000000000000001', venueId: 'demo-workshop' };
const minutes = (n: number) => n * 60_000;

describe('a check-in code', () => {
  it('is a base64url payload of booking, venue and expiry, a dot, and a 16-byte MAC', () => {
    const { code, expiresAt } = signCheckInCode(booking, key, now);
    expect(code).toMatch(/^[\w-]+\.[\w-]{22}$/);
    const [payload] = code.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual({
      b: booking.bookingId,
      v: booking.venueId,
      e: Date.parse('2026-12-12T05:55:00.000Z') / 1000,
    });
    expect(expiresAt.toISOString()).toBe('2026-12-12T05:55:00.000Z');
    // Short enough for a sparse QR.
    expect(code.length).toBeLessThan(120);
  });

  it('reads back what it signed until it expires, five minutes on', () => {
    const { code } = signCheckInCode(booking, key, now);
    expect(readCheckInCode(code, key, new Date(now.getTime() + minutes(5)))).toEqual({
      valid: true,
      payload: { b: booking.bookingId, v: booking.venueId, e: Date.parse('2026-12-12T05:55:00Z') / 1000 },
    });
    expect(readCheckInCode(code, key, new Date(now.getTime() + minutes(5) + 1))).toEqual({
      valid: false,
      reason: 'expired',
    });
  });

  it('refuses a code signed with another key, an altered payload and an altered MAC', () => {
    const { code } = signCheckInCode(booking, key, now);
    expect(readCheckInCode(code, otherKey, now)).toEqual({ valid: false, reason: 'forged' });
    const [payload, mac] = code.split('.') as [string, string];
    const otherVenue = Buffer.from(
      JSON.stringify({
        b: booking.bookingId,
        v: 'demo-restaurant',
        e: Date.parse('2026-12-12T05:55:00Z') / 1000,
      }),
    ).toString('base64url');
    expect(readCheckInCode(`${otherVenue}.${mac}`, key, now)).toEqual({ valid: false, reason: 'forged' });
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    expect(readCheckInCode(`${payload}.${flipped}`, key, now)).toEqual({ valid: false, reason: 'forged' });
  });

  it('refuses what is not shaped like a code, and a signed payload that is not ours', () => {
    for (const code of ['', 'abc', 'a.b.c', 'a b.c', `${'a'.repeat(300)}.b`])
      expect(readCheckInCode(code, key, now)).toMatchObject({ valid: false, reason: 'malformed' });
    const payload = Buffer.from(JSON.stringify({ b: 'x', v: 'y' })).toString('base64url');
    const mac = createHmac('sha256', key).update(payload).digest().subarray(0, 16).toString('base64url');
    expect(readCheckInCode(`${payload}.${mac}`, key, now)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('is signed with a key derived for check-in, not the cursor key itself', async () => {
    const derived = await checkInKey();
    expect(derived).toHaveLength(32);
    expect(derived.equals(Buffer.from('test-cursor-key-of-at-least-32-characters').subarray(0, 32))).toBe(
      false,
    );
    expect((await checkInKey()).equals(derived)).toBe(true);
  });
});

describe('the check-in window', () => {
  const start = '2026-12-12T06:00:00.000Z';
  const venue = { noShowGraceMinutes: 15 };
  const at = (offsetMinutes: number, ms = 0) => new Date(Date.parse(start) + minutes(offsetMinutes) + ms);

  it('opens 30 minutes before the start and closes at the start plus the grace, both included', () => {
    expect(checkInTiming({ start }, venue, at(-30, -1))).toBe('too-early');
    expect(checkInTiming({ start }, venue, at(-30))).toBe('open');
    expect(checkInTiming({ start }, venue, at(15))).toBe('open');
    expect(checkInTiming({ start }, venue, at(15, 1))).toBe('closed');
  });

  it('makes a confirmed booking a no-show only once check-in has closed', () => {
    expect(isNoShowAt({ start, status: 'confirmed' }, venue, at(15))).toBe(false);
    expect(isNoShowAt({ start, status: 'confirmed' }, venue, at(15, 1))).toBe(true);
    expect(isNoShowAt({ start, status: 'attended' }, venue, at(60))).toBe(false);
    expect(isNoShowAt({ start, status: 'cancelled' }, venue, at(60))).toBe(false);
    expect(isNoShowAt({ start, status: 'confirmed' }, { noShowGraceMinutes: 0 }, at(0, 1))).toBe(true);
  });
});
