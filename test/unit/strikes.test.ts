// The strike policy as a pure rule: weights, the window, the threshold, and once per booking.
import { describe, expect, it } from 'vitest';
import type { StrikePolicy } from '../../lib/bookings/model';
import { strikesAfter, type Strike } from '../../lib/bookings/strikes';

const policy: StrikePolicy = { strikes: 3, windowDays: 90, suspensionDays: 14 };
const now = new Date('2028-02-29T04:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const noShow = (bookingId: string, at = daysAgo(1)): Strike => ({
  at,
  weight: 1,
  bookingId,
  reason: 'no-show',
});
const late = (bookingId: string, at = daysAgo(1)): Strike => ({
  at,
  weight: 0.5,
  bookingId,
  reason: 'late-cancellation',
});

/** Applies strikes one after another, as the consumer does. */
const applied = (strikes: Strike[], at = now) =>
  strikes.reduce<{ strikes: Strike[]; suspendedUntil?: string }>(
    (record, strike) => strikesAfter(record, strike, policy, at),
    { strikes: [] },
  );

describe('strikes', () => {
  it('suspends at the threshold: two no-shows and two late cancellations make three', () => {
    const threeShort = applied([noShow('a', daysAgo(40)), noShow('b', daysAgo(20)), late('c', daysAgo(5))]);
    expect(threeShort.suspendedUntil).toBeUndefined();
    const after = strikesAfter(threeShort, late('d', daysAgo(0)), policy, now);
    expect(after.changed).toBe(true);
    expect(after.strikes.reduce((sum, strike) => sum + strike.weight, 0)).toBe(3);
    expect(after.suspendedUntil).toBe('2028-03-14T04:00:00.000Z');
  });

  it('does not count strikes older than the window', () => {
    const after = applied([noShow('a', daysAgo(91)), noShow('b', daysAgo(30)), noShow('c', daysAgo(1))]);
    expect(after.suspendedUntil).toBeUndefined();
    expect(after.strikes.map((strike) => strike.bookingId)).toEqual(['b', 'c']);
    // One day inside the window still counts.
    expect(applied([noShow('a', daysAgo(89)), noShow('b', daysAgo(30)), noShow('c')]).suspendedUntil).toBe(
      '2028-03-14T04:00:00.000Z',
    );
  });

  it('drops strikes that left the window when the next one comes', () => {
    const old = { strikes: [noShow('a', daysAgo(100)), noShow('b', daysAgo(95))] };
    const after = strikesAfter(old, noShow('c'), policy, now);
    expect(after.strikes.map((strike) => strike.bookingId)).toEqual(['c']);
    expect(after.suspendedUntil).toBeUndefined();
  });

  it('strikes a booking once, however often its event comes', () => {
    const once = applied([noShow('a'), noShow('b')]);
    const again = strikesAfter(once, noShow('b'), policy, now);
    expect(again.changed).toBe(false);
    expect(again.strikes).toHaveLength(2);
    // A late cancellation of the same booking does not add to its no-show either.
    expect(strikesAfter(once, late('a'), policy, now).changed).toBe(false);
  });

  it('ignores a replayed strike that is already out of the window', () => {
    const after = strikesAfter(undefined, noShow('a', daysAgo(120)), policy, now);
    expect(after).toEqual({ strikes: [], changed: false });
  });

  it('keeps a suspension that ends later, and extends one that ends sooner', () => {
    const longer = { strikes: [noShow('a'), noShow('b')], suspendedUntil: '2028-06-01T00:00:00.000Z' };
    expect(strikesAfter(longer, noShow('c'), policy, now).suspendedUntil).toBe('2028-06-01T00:00:00.000Z');
    const shorter = { strikes: [noShow('a'), noShow('b')], suspendedUntil: '2028-03-01T00:00:00.000Z' };
    expect(strikesAfter(shorter, noShow('c'), policy, now).suspendedUntil).toBe('2028-03-14T04:00:00.000Z');
  });
});
