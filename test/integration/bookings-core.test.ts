// Taking, cancelling, moving and listing bookings against DynamoDB Local: every change is one transaction
// that takes or gives back exactly the room it says, and the events of each change go out once.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  cancelBookingByStaff,
  cancelMyBooking,
  createBooking,
  listMyBookings,
  requireVenueBooking,
  rescheduleBooking,
  type NewBooking,
} from '../../lib/bookings/bookings';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { venueKey, waitlistPrefix, type Venue } from '../../lib/bookings/model';
import { acceptingEventBridge, unique } from '../support/members';
import {
  bookingItem,
  coversTaken,
  guardOf,
  outcomeOf,
  restaurantTables,
  seedVenue,
  suspend,
  venueDayItems,
} from '../support/bookings';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

/** Monday 1 March 2027, 10:00 in Shanghai. */
const NOW = new Date('2027-03-01T02:00:00.000Z');
const DAY = '2027-03-02';
/** 14:00 and 15:00 in Shanghai on 2 March. */
const AT_14 = '2027-03-02T06:00:00.000Z';
const AT_15 = '2027-03-02T07:00:00.000Z';

const book = (
  venue: Pick<Venue, 'id'>,
  fields: Partial<NewBooking> & { customerId?: string } = {},
  now = NOW,
) =>
  createBooking(
    {
      customerId: fields.customerId ?? unique('c'),
      venueId: venue.id,
      start: AT_14,
      partySize: 2,
      channel: 'member',
      idempotencyKey: unique('key'),
      correlationId: 'corr',
      ...fields,
    },
    now,
  );

const published = (type: string) => eventBridge.published().filter((event) => event.type === type);

describe('taking a booking', () => {
  it('takes the party from the pool slot, guards the slot for the member and publishes BookingConfirmed', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const { view, replayed } = await book(venue, { customerId, partySize: 3, note: 'window please' });
    expect(replayed).toBe(false);
    expect(view).toMatchObject({
      status: 'confirmed',
      venueId: venue.id,
      venueName: venue.name,
      start: '2027-03-02T14:00:00+08:00',
      end: '2027-03-02T15:00:00+08:00',
      partySize: 3,
      note: 'window please',
    });
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(3);
    expect((await guardOf(venue.id, DAY, AT_14, customerId))?.bookingId).toBe(view.bookingId);
    expect(await bookingItem(view.bookingId)).toMatchObject({
      status: 'confirmed',
      channel: 'member',
      version: 1,
      day: DAY,
      gsi1pk: `CUSTOMER#${customerId}#BOOKINGS`,
      gsi1sk: `${AT_14}#${view.bookingId}`,
      gsi2pk: `VENUEDAY#${venue.id}#${DAY}`,
    });
    const [event] = published('BookingConfirmed');
    expect(event?.metadata.eventId).toBe(`BookingConfirmed-${view.bookingId}`);
    expect(event?.data).toMatchObject({
      customerId,
      partySize: 3,
      channel: 'member',
      via: 'booking',
      start: AT_14,
    });
    // The outbox item is gone once the event is out.
    const outbox = await documents.query({
      TableName: tableNameFromEnv('main'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `BOOKING#${view.bookingId}` },
    });
    expect(outbox.Items?.map((item) => item.sk)).toEqual(['BOOKING']);
  });

  it('accepts the start with any offset', async () => {
    const venue = await seedVenue();
    const { view } = await book(venue, { start: new Date('2027-03-02T14:00:00+08:00').toISOString() });
    expect(view.start).toBe('2027-03-02T14:00:00+08:00');
  });

  it('refuses, in order and changing nothing: unknown, inactive, closed, misaligned, too large, resource, suspended', async () => {
    const venue = await seedVenue();
    expect(await outcomeOf(book({ id: 'no-such-venue' }))).toBe('NOT_FOUND');
    const inactive = await seedVenue({ status: 'inactive' });
    expect(await outcomeOf(book(inactive))).toBe('VENUE_UNAVAILABLE');
    expect(await outcomeOf(book(venue, { start: '2027-03-02T01:00:00.000Z' }))).toBe('VENUE_CLOSED'); // 09:00
    expect(await outcomeOf(book(venue, { start: '2027-03-02T14:00:00.000Z' }))).toBe('VENUE_CLOSED'); // 22:00
    expect(await outcomeOf(book(venue, { start: '2027-03-02T06:30:00.000Z' }))).toBe('NOT_A_SLOT');
    expect(await outcomeOf(book(venue, { partySize: 11 }))).toBe('PARTY_TOO_LARGE');
    expect(await outcomeOf(book(venue, { resourceId: 't4' }))).toBe('RESOURCE_UNAVAILABLE');
    const customerId = unique('c');
    await suspend(customerId, venue.id, '2027-03-10T00:00:00.000Z');
    expect(await outcomeOf(book(venue, { customerId }))).toBe('BOOKING_SUSPENDED');
    await suspend(customerId, venue.id, '2027-03-01T01:00:00.000Z');
    expect(await outcomeOf(book(venue, { customerId }))).toBe('ok');
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(2);
    expect(await coversTaken(venue.id, DAY, '2027-03-02T06:30:00.000Z')).toBe(0);
  });

  it('refuses a second booking of the member in the slot, and one overlapping it after the slot length changed', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    await book(venue, { customerId });
    expect(await outcomeOf(book(venue, { customerId }))).toBe('DUPLICATE_BOOKING');
    expect(await outcomeOf(book(venue, { customerId, waitlist: true }))).toBe('DUPLICATE_BOOKING');
    // 90-minute slots from 10:00: 13:00–14:30 overlaps the 14:00–15:00 booking; 16:00 does not.
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: venueKey(venue.id),
      UpdateExpression: 'SET slotMinutes = :ninety',
      ExpressionAttributeValues: { ':ninety': 90 },
    });
    expect(await outcomeOf(book(venue, { customerId, start: '2027-03-02T05:00:00.000Z' }))).toBe(
      'DUPLICATE_BOOKING',
    );
    expect(await outcomeOf(book(venue, { customerId, start: '2027-03-02T08:00:00.000Z' }))).toBe('ok');
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(2);
    expect(await coversTaken(venue.id, DAY, '2027-03-02T05:00:00.000Z')).toBe(0);
  });
});

describe('the booking window in Shanghai, across midnight and a month end', () => {
  const allDay = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [
      day,
      [{ open: '00:00', close: '00:00' }],
    ]),
  ) as Venue['hours'];
  const beforeMidnight = new Date('2027-01-31T23:59:00+08:00');
  const atMidnight = new Date('2027-02-01T00:00:00+08:00');

  it('asks for the minimum notice', async () => {
    const venue = await seedVenue({ hours: allDay, minNoticeMinutes: 120, maxAdvanceDays: 30 });
    const refusal = await book(
      venue,
      { start: new Date('2027-02-01T01:00:00+08:00').toISOString() },
      beforeMidnight,
    ).catch((error: { code: string; detail: string }) => error);
    expect(refusal).toMatchObject({
      code: 'OUTSIDE_BOOKING_WINDOW',
      detail: expect.stringContaining('notice'),
    });
    expect(
      await outcomeOf(
        book(venue, { start: new Date('2027-02-01T02:00:00+08:00').toISOString() }, beforeMidnight),
      ),
    ).toBe('ok');
  });

  it('opens the last day of the advance at the venue midnight, past the month end', async () => {
    const venue = await seedVenue({ hours: allDay, minNoticeMinutes: 120, maxAdvanceDays: 30 });
    // 31 January + 30 days is 2 March; from 1 February it is 3 March.
    const lastDay = new Date('2027-03-02T23:00:00+08:00').toISOString();
    const dayAfter = new Date('2027-03-03T00:00:00+08:00').toISOString();
    expect(await outcomeOf(book(venue, { start: lastDay }, beforeMidnight))).toBe('ok');
    const refusal = await book(venue, { start: dayAfter }, beforeMidnight).catch(
      (error: { code: string; detail: string }) => error,
    );
    expect(refusal).toMatchObject({
      code: 'OUTSIDE_BOOKING_WINDOW',
      detail: expect.stringContaining('advance'),
    });
    expect(await outcomeOf(book(venue, { start: dayAfter }, atMidnight))).toBe('ok');
    expect(
      await outcomeOf(
        book(venue, { start: new Date('2027-03-04T00:00:00+08:00').toISOString() }, atMidnight),
      ),
    ).toBe('OUTSIDE_BOOKING_WINDOW');
  });

  it('lets staff enter a walk-in for the slot under way, but not a past one, and ignores a suspension', async () => {
    const venue = await seedVenue({ minNoticeMinutes: 120 });
    const customerId = unique('c');
    await suspend(customerId, venue.id, '2027-04-01T00:00:00.000Z');
    const underWay = new Date('2027-03-02T14:10:00+08:00');
    const { view } = await book(venue, { customerId, channel: 'staff' }, underWay);
    expect(view.status).toBe('confirmed');
    expect((await bookingItem(view.bookingId))?.channel).toBe('staff');
    expect(published('BookingConfirmed')[0]?.data.channel).toBe('staff');
    expect(
      await outcomeOf(book(venue, { channel: 'staff', start: '2027-03-02T05:00:00.000Z' }, underWay)),
    ).toBe('OUTSIDE_BOOKING_WINDOW');
    expect(await outcomeOf(book(venue, { customerId }, underWay))).toBe('OUTSIDE_BOOKING_WINDOW');
  });
});

describe('resources', () => {
  it('gives a party the smallest free table that seats it, or the one asked for', async () => {
    const venue = await seedVenue({
      kind: 'restaurant',
      capacity: { mode: 'resources', resources: restaurantTables },
    });
    expect((await book(venue, { partySize: 3 })).view.resourceId).toBe('t4');
    expect((await book(venue, { partySize: 2, resourceId: 't6' })).view.resourceId).toBe('t6');
    expect((await book(venue, { partySize: 2 })).view.resourceId).toBe('t2-a');
    expect((await book(venue, { partySize: 2 })).view.resourceId).toBe('t2-b');
    expect(await outcomeOf(book(venue, { partySize: 1 }))).toBe('SLOT_FULL');
    expect(await outcomeOf(book(venue, { partySize: 7 }))).toBe('PARTY_TOO_LARGE');
    expect(await outcomeOf(book(venue, { partySize: 5, resourceId: 't4' }))).toBe('RESOURCE_UNAVAILABLE');
    expect(await outcomeOf(book(venue, { partySize: 2, resourceId: 'nope' }))).toBe('RESOURCE_UNAVAILABLE');
  });

  it('gives the third of three parties of two the table of four once both tables of two are taken', async () => {
    const venue = await seedVenue({
      kind: 'restaurant',
      capacity: { mode: 'resources', resources: restaurantTables.filter((table) => table.id !== 't6') },
    });
    const seats = [];
    for (let i = 0; i < 3; i++) seats.push((await book(venue)).view.resourceId);
    expect(seats).toEqual(['t2-a', 't2-b', 't4']);
    expect(await outcomeOf(book(venue))).toBe('SLOT_FULL');
  });

  it('skips an inactive table and refuses it when asked for', async () => {
    const venue = await seedVenue({
      kind: 'restaurant',
      capacity: {
        mode: 'resources',
        resources: restaurantTables.map((table) => (table.id === 't4' ? { ...table, active: false } : table)),
      },
    });
    expect((await book(venue, { partySize: 3 })).view.resourceId).toBe('t6');
    expect(await outcomeOf(book(venue, { partySize: 3, resourceId: 't4' }))).toBe('RESOURCE_UNAVAILABLE');
  });
});

describe('Idempotency-Key', () => {
  it('answers a replay with the first answer and books once; the key with another body is refused', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const idempotencyKey = unique('key');
    const first = await book(venue, { customerId, idempotencyKey });
    const again = await book(venue, { customerId, idempotencyKey });
    expect(again).toEqual({ view: first.view, replayed: true });
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(2);
    expect(published('BookingConfirmed')).toHaveLength(1);
    expect(await outcomeOf(book(venue, { customerId, idempotencyKey, partySize: 3 }))).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(2);
  });

  it('publishes on the retry what an outage stopped after the booking was written', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const idempotencyKey = unique('key');
    eventBridge.outage();
    await expect(book(venue, { customerId, idempotencyKey })).rejects.toThrow();
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(2);
    eventBridge.reset();
    const { view, replayed } = await book(venue, { customerId, idempotencyKey });
    expect(replayed).toBe(true);
    expect(view.status).toBe('confirmed');
    expect(published('BookingConfirmed').map((event) => event.data.bookingId)).toEqual([view.bookingId]);
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(2);
  });
});

describe('the waitlist', () => {
  it('refuses a full slot, or puts the members on its waitlist in order when they ask', async () => {
    const venue = await seedVenue({ capacity: { mode: 'pool', coversPerSlot: 2 } });
    await book(venue);
    expect(await outcomeOf(book(venue, { partySize: 1 }))).toBe('SLOT_FULL');
    const waiting = [];
    for (let i = 0; i < 3; i++) {
      const customerId = unique('c');
      const at = new Date(NOW.getTime() + i * 1000);
      waiting.push({ customerId, ...(await book(venue, { customerId, waitlist: true }, at)) });
    }
    expect(waiting.map(({ view }) => [view.status, view.position])).toEqual([
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
    ]);
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(2);
    expect(await guardOf(venue.id, DAY, AT_14, waiting[0]!.customerId)).toBeUndefined();
    expect(await outcomeOf(book(venue, { customerId: waiting[1]!.customerId, waitlist: true }))).toBe(
      'DUPLICATE_BOOKING',
    );
    expect(published('BookingConfirmed')).toHaveLength(1);

    // The first leaves the list: the others move up, and nothing of the slot's room changes.
    const cancelled = await cancelMyBooking(waiting[0]!.customerId, waiting[0]!.view.bookingId, 'corr', NOW);
    expect(cancelled).toMatchObject({ status: 'cancelled', late: false });
    const places = (await venueDayItems(venue.id, DAY)).filter((item) =>
      String(item.sk).startsWith(waitlistPrefix(AT_14)),
    );
    expect(places.map((place) => place.bookingId)).toEqual(
      waiting.slice(1).map(({ view }) => view.bookingId),
    );
    const listed = await listMyBookings(waiting[2]!.customerId, { when: 'upcoming', limit: 10 }, NOW);
    expect(listed.items[0]).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(2);
    expect(published('BookingCancelled')[0]?.data).toMatchObject({
      previousStatus: 'waitlisted',
      late: false,
    });
  });
});

describe('cancelling', () => {
  it('gives back exactly the party, frees the guard, and answers the same when cancelled again', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    await book(venue, { partySize: 4 });
    const { view } = await book(venue, { customerId, partySize: 3 });
    const cancelled = await cancelMyBooking(customerId, view.bookingId, 'corr', NOW);
    expect(cancelled).toEqual({ ...view, status: 'cancelled', late: false });
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(4);
    expect(await guardOf(venue.id, DAY, AT_14, customerId)).toBeUndefined();
    expect(await cancelMyBooking(customerId, view.bookingId, 'corr', NOW)).toEqual(cancelled);
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(4);
    const events = published('BookingCancelled');
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      previousStatus: 'confirmed',
      late: false,
      by: 'member',
      partySize: 3,
    });
    // The slot is the member's to book again.
    expect(await outcomeOf(book(venue, { customerId }))).toBe('ok');
  });

  it('is late inside the free-cancellation period, and never late for staff', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const first = await book(venue, { customerId, start: AT_14 });
    const second = await book(venue, { customerId, start: AT_15 });
    const lateNow = new Date('2027-03-02T13:01:00+08:00');
    expect(await cancelMyBooking(customerId, first.view.bookingId, 'corr', lateNow)).toMatchObject({
      late: true,
    });
    const found = await requireVenueBooking(venue.id, second.view.bookingId);
    expect(await cancelBookingByStaff(found, 'corr', new Date('2027-03-02T14:30:00+08:00'))).toMatchObject({
      status: 'cancelled',
      late: false,
    });
    expect(published('BookingCancelled').map((event) => [event.data.late, event.data.by])).toEqual([
      [true, 'member'],
      [false, 'staff'],
    ]);
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(0);
    expect(await coversTaken(venue.id, DAY, AT_15)).toBe(0);
  });

  it("frees a table for the next party; refuses another member's booking and a started one", async () => {
    const venue = await seedVenue({
      kind: 'restaurant',
      capacity: { mode: 'resources', resources: restaurantTables.slice(0, 1) },
    });
    const customerId = unique('c');
    const { view } = await book(venue, { customerId });
    expect(await outcomeOf(book(venue))).toBe('SLOT_FULL');
    expect(await outcomeOf(cancelMyBooking(unique('c'), view.bookingId, 'corr', NOW))).toBe('NOT_FOUND');
    expect(await outcomeOf(cancelMyBooking(customerId, view.bookingId, 'corr', new Date(AT_14)))).toBe(
      'BOOKING_NOT_CHANGEABLE',
    );
    await expect(requireVenueBooking(unique('v'), view.bookingId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await cancelMyBooking(customerId, view.bookingId, 'corr', NOW);
    expect((await book(venue)).view.resourceId).toBe('t2-a');
  });
});

describe('rescheduling', () => {
  const move = (
    customerId: string,
    bookingId: string,
    start: string,
    idempotencyKey = unique('key'),
    now = NOW,
  ) => rescheduleBooking({ customerId, bookingId, start, idempotencyKey, correlationId: 'corr' }, now);

  it('takes the new slot and gives back the old in one move, guard and indexes with it', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const { view } = await book(venue, { customerId, partySize: 3 });
    const key = unique('key');
    const moved = await move(customerId, view.bookingId, AT_15, key);
    expect(moved.view).toMatchObject({ bookingId: view.bookingId, start: '2027-03-02T15:00:00+08:00' });
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(0);
    expect(await coversTaken(venue.id, DAY, AT_15)).toBe(3);
    expect(await guardOf(venue.id, DAY, AT_14, customerId)).toBeUndefined();
    expect((await guardOf(venue.id, DAY, AT_15, customerId))?.bookingId).toBe(view.bookingId);
    expect(await bookingItem(view.bookingId)).toMatchObject({
      start: AT_15,
      version: 2,
      gsi1sk: `${AT_15}#${view.bookingId}`,
      gsi2sk: `${AT_15}#${view.bookingId}`,
    });
    expect(published('BookingRescheduled')[0]?.data).toMatchObject({ previousStart: AT_14, start: AT_15 });
    expect(await move(customerId, view.bookingId, AT_15, key)).toEqual({ view: moved.view, replayed: true });
    // Across days too: the old day's slot is freed.
    await move(customerId, view.bookingId, '2027-03-03T06:00:00.000Z');
    expect(await coversTaken(venue.id, DAY, AT_15)).toBe(0);
    expect(await coversTaken(venue.id, '2027-03-03', '2027-03-03T06:00:00.000Z')).toBe(3);
    expect(published('BookingRescheduled')).toHaveLength(2);
  });

  it('changes nothing when the new slot is full, closed or the same', async () => {
    const venue = await seedVenue({ capacity: { mode: 'pool', coversPerSlot: 4 } });
    const customerId = unique('c');
    const { view } = await book(venue, { customerId, partySize: 2 });
    await book(venue, { start: AT_15, partySize: 3 });
    expect(await outcomeOf(move(customerId, view.bookingId, AT_15))).toBe('SLOT_FULL');
    expect(await outcomeOf(move(customerId, view.bookingId, '2027-03-02T01:00:00.000Z'))).toBe(
      'VENUE_CLOSED',
    );
    expect((await move(customerId, view.bookingId, AT_14)).view).toEqual(view);
    expect(await bookingItem(view.bookingId)).toMatchObject({ start: AT_14, version: 1 });
    expect(await coversTaken(venue.id, DAY, AT_14)).toBe(2);
    expect(await coversTaken(venue.id, DAY, AT_15)).toBe(3);
    expect(published('BookingRescheduled')).toHaveLength(0);
  });

  it('moves a table booking to the smallest free table of the new slot, and keeps a table asked for', async () => {
    const venue = await seedVenue({
      kind: 'restaurant',
      capacity: { mode: 'resources', resources: restaurantTables },
    });
    const customerId = unique('c');
    const asked = await book(venue, { customerId, resourceId: 't6' });
    await book(venue, { start: AT_15, partySize: 2 });
    const other = unique('c');
    const plain = await book(venue, { customerId: other, partySize: 2 });
    expect((await move(customerId, asked.view.bookingId, AT_15)).view.resourceId).toBe('t6');
    expect((await move(other, plain.view.bookingId, AT_15)).view.resourceId).toBe('t2-b');
    const slotItems = (await venueDayItems(venue.id, DAY)).filter((item) =>
      String(item.sk).includes('#RES#'),
    );
    expect(
      slotItems.map((item) => String(item.sk).split('#RES#')[1] + '@' + String(item.sk).slice(5, 18)),
    ).toEqual(['t2-a@2027-03-02T07', 't2-b@2027-03-02T07', 't6@2027-03-02T07']);
  });
});

describe("the member's list", () => {
  it('lists upcoming live bookings soonest first and past ones newest first, a page at a time', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const starts = ['2027-03-02T06:00:00.000Z', '2027-03-02T07:00:00.000Z', '2027-03-03T06:00:00.000Z'];
    const ids = [];
    for (const start of starts) ids.push((await book(venue, { customerId, start })).view.bookingId);
    await cancelMyBooking(customerId, ids[1]!, 'corr', NOW);
    const first = await listMyBookings(customerId, { when: 'upcoming', limit: 1 }, NOW);
    expect(first.items.map((item) => item.bookingId)).toEqual([ids[0]]);
    expect(first.items[0]?.venueName).toBe(venue.name);
    const second = await listMyBookings(
      customerId,
      { when: 'upcoming', limit: 1, cursor: first.nextCursor! },
      NOW,
    );
    expect(second.items.map((item) => item.bookingId)).toEqual([ids[2]]);
    const later = new Date('2027-03-05T00:00:00.000Z');
    const past = await listMyBookings(customerId, { when: 'past', limit: 10 }, later);
    expect(past.items.map((item) => [item.bookingId, item.status])).toEqual([
      [ids[2], 'confirmed'],
      [ids[1], 'cancelled'],
      [ids[0], 'confirmed'],
    ]);
    expect(past.nextCursor).toBeNull();
    expect(
      await outcomeOf(listMyBookings(customerId, { when: 'past', limit: 1, cursor: first.nextCursor! }, NOW)),
    ).toBe('INVALID_CURSOR');
  });
});
