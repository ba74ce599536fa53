// Bookings racing against DynamoDB Local with Promise.all: capacity is a conditional write in the same
// transaction as the booking, so no race overbooks, leaves a booking without its room, or room without a booking.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBooking, rescheduleBooking } from '../../lib/bookings/bookings';
import { acceptingEventBridge, unique } from '../support/members';
import {
  bookingItem,
  bookingsOfDay,
  coversTaken,
  guardOf,
  outcomeOf,
  restaurantTables,
  seedVenue,
  venueDayItems,
} from '../support/bookings';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

/** 1 March 2027, 10:00 in Shanghai; the slots raced for are on 2 March. */
const NOW = new Date('2027-03-01T02:00:00.000Z');
const DAY = '2027-03-02';
const SLOT_A = '2027-03-02T06:00:00.000Z';
const SLOT_B = '2027-03-02T07:00:00.000Z';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const book = (venueId: string, customerId: string, partySize: number, start = SLOT_A, resourceId?: string) =>
  createBooking(
    {
      customerId,
      venueId,
      start,
      partySize,
      ...(resourceId ? { resourceId } : {}),
      channel: 'member',
      idempotencyKey: unique('key'),
      correlationId: 'corr',
    },
    NOW,
  );

describe('racing for a pool slot', () => {
  it('leaves fifty members racing for ten covers exactly within capacity, every cover with its booking', async () => {
    const venue = await seedVenue({ capacity: { mode: 'pool', coversPerSlot: 10 } });
    const parties = Array.from({ length: 50 }, (_, i) => 1 + (i % 3));
    const members = parties.map(() => unique('c'));
    const outcomes = await Promise.all(
      parties.map((party, i) => outcomeOf(book(venue.id, members[i]!, party))),
    );
    expect(new Set(outcomes)).toEqual(new Set(['ok', 'SLOT_FULL']));
    const taken = await coversTaken(venue.id, DAY, SLOT_A);
    const confirmed = (await bookingsOfDay(venue.id, DAY)).filter(
      (booking) => booking.status === 'confirmed',
    );
    expect(taken).toBeLessThanOrEqual(10);
    expect(confirmed.reduce((sum, booking) => sum + Number(booking.partySize), 0)).toBe(taken);
    expect(confirmed).toHaveLength(outcomes.filter((outcome) => outcome === 'ok').length);
    // Nobody was turned away while there was room for their party.
    const refused = parties.filter((_, i) => outcomes[i] === 'SLOT_FULL');
    for (const party of refused) expect(taken + party).toBeGreaterThan(10);
    // Each booking holds its guard, and no guard is without its booking.
    const guards = (await venueDayItems(venue.id, DAY)).filter((item) =>
      String(item.sk).startsWith('MEMBER#'),
    );
    expect(guards.map((guard) => guard.bookingId).sort()).toEqual(
      confirmed.map((booking) => booking.bookingId).sort(),
    );
    expect(eventBridge.published().filter((event) => event.type === 'BookingConfirmed')).toHaveLength(
      confirmed.length,
    );
  });

  it('books a member racing themself for one slot with two keys once', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => outcomeOf(book(venue.id, customerId, 2))),
    );
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual(Array(4).fill('DUPLICATE_BOOKING'));
    expect(await coversTaken(venue.id, DAY, SLOT_A)).toBe(2);
  });
});

describe('racing for tables', () => {
  it('seats three racing parties of two at both tables of two and the table of four', async () => {
    const venue = await seedVenue({
      kind: 'restaurant',
      capacity: { mode: 'resources', resources: restaurantTables.filter((table) => table.id !== 't6') },
    });
    const views = await Promise.all([1, 2, 3].map(() => book(venue.id, unique('c'), 2)));
    expect(views.map(({ view }) => view.resourceId).sort()).toEqual(['t2-a', 't2-b', 't4']);
  });

  it('gives ten racing parties the four tables and no more, one booking a table', async () => {
    const venue = await seedVenue({
      kind: 'restaurant',
      capacity: { mode: 'resources', resources: restaurantTables },
    });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => outcomeOf(book(venue.id, unique('c'), 2))),
    );
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual(Array(6).fill('SLOT_FULL'));
    const held = (await venueDayItems(venue.id, DAY)).filter((item) => String(item.sk).includes('#RES#'));
    const bookings = await bookingsOfDay(venue.id, DAY);
    expect(held.map((item) => item.bookingId).sort()).toEqual(
      bookings.map((booking) => booking.bookingId).sort(),
    );
    expect(new Set(bookings.map((booking) => booking.resourceId)).size).toBe(4);
  });
});

describe('racing a reschedule', () => {
  it('lets exactly one of a booking and a move into the last cover of a slot win, the loser unchanged', async () => {
    const winners: string[] = [];
    for (let round = 0; round < 6; round++) {
      const venue = await seedVenue({ capacity: { mode: 'pool', coversPerSlot: 3 } });
      const mover = unique('c');
      const { view } = await book(venue.id, mover, 1, SLOT_A);
      await book(venue.id, unique('c'), 2, SLOT_B);
      const rival = unique('c');
      const [moved, booked] = await Promise.all([
        outcomeOf(
          rescheduleBooking(
            {
              customerId: mover,
              bookingId: view.bookingId,
              start: SLOT_B,
              idempotencyKey: unique('key'),
              correlationId: 'corr',
            },
            NOW,
          ),
        ),
        // The rival starts a little later in some rounds, so that either side may get there first.
        outcomeOf(sleep((round % 3) * 15).then(() => book(venue.id, rival, 1, SLOT_B))),
      ]);
      expect([moved, booked].sort()).toEqual(['SLOT_FULL', 'ok']);
      expect(await coversTaken(venue.id, DAY, SLOT_B)).toBe(3);
      const record = await bookingItem(view.bookingId);
      if (moved === 'ok') {
        winners.push('move');
        expect(record).toMatchObject({ start: SLOT_B, version: 2 });
        expect(await coversTaken(venue.id, DAY, SLOT_A)).toBe(0);
        expect(await guardOf(venue.id, DAY, SLOT_B, rival)).toBeUndefined();
      } else {
        winners.push('booking');
        expect(record).toMatchObject({ start: SLOT_A, version: 1, status: 'confirmed' });
        expect(await coversTaken(venue.id, DAY, SLOT_A)).toBe(1);
        expect((await guardOf(venue.id, DAY, SLOT_A, mover))?.bookingId).toBe(view.bookingId);
        expect(await guardOf(venue.id, DAY, SLOT_B, mover)).toBeUndefined();
      }
    }
    expect(winners).toHaveLength(6);
  });
});
