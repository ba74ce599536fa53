// Waitlist offers against DynamoDB Local: freed room goes to the first member who fits, is held, taken or
// lapsed to the next, exactly once under races, with the slot's counters always equal to what bookings hold.
import type { EventBridgeEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import {
  bookingKey,
  memberBookingsIndex,
  memberSlotGuardKey,
  offerKey,
  OFFERS_PK,
  poolSlotKey,
  resourceSlotKey,
  venueDayBookingsIndex,
  venueKey,
  venueListSortKey,
  waitlistPlaceKey,
  type Booking,
  type BookingStatus,
  type Capacity,
  type Venue,
} from '../../lib/bookings/model';
import { getBooking } from '../../lib/bookings/repository';
import { localDayOf } from '../../lib/bookings/slots';
import {
  confirmOffer,
  lapseOffers,
  offerFreedRoom,
  OFFER_HOLD_MINUTES,
  waitlistPosition,
} from '../../lib/bookings/waitlist';
import { apiEvent, lambdaContext } from '../support/lambda';
import { acceptingEventBridge, unique } from '../support/members';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

const table = () => tableNameFromEnv('main');
const MINUTE = 60_000;
/** The clock of these tests: two days before the slot. */
const NOW = new Date('2030-03-10T02:00:00.000Z');
const START = '2030-03-12T06:00:00.000Z';
const END = '2030-03-12T07:00:00.000Z';
const at = (ms: number) => new Date(NOW.getTime() + ms);
const EXPIRY = at(OFFER_HOLD_MINUTES * MINUTE);

const everyDay = [{ open: '10:00', close: '22:00' }];

async function putVenue(capacity: Capacity): Promise<Venue> {
  const venue: Venue = {
    id: unique('v'),
    name: 'Pottery workshop',
    kind: 'event',
    status: 'active',
    timeZone: 'Asia/Shanghai',
    hours: {
      mon: everyDay,
      tue: everyDay,
      wed: everyDay,
      thu: everyDay,
      fri: everyDay,
      sat: everyDay,
      sun: everyDay,
    },
    closedDates: [],
    specialHours: {},
    slotMinutes: 60,
    minNoticeMinutes: 0,
    maxAdvanceDays: 30,
    freeCancellationMinutes: 60,
    noShowGraceMinutes: 15,
    strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
    capacity,
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    version: 1,
  };
  await documents.put({
    TableName: table(),
    Item: { ...venueKey(venue.id), gsi1pk: 'VENUES', gsi1sk: venueListSortKey(venue), ...venue },
  });
  return venue;
}

let arrival = 0;

/**
 * A booking as the create path writes it: a confirmed one with its room and slot guard, a waitlisted one
 * with its place (in arrival order).
 */
async function putBooking(
  venue: Venue,
  partySize: number,
  status: Extract<BookingStatus, 'confirmed' | 'waitlisted'>,
  options: { resourceId?: string; start?: string; end?: string } = {},
): Promise<Booking> {
  const start = options.start ?? START;
  const booking: Booking = {
    bookingId: unique('b'),
    customerId: unique('c'),
    venueId: venue.id,
    start,
    end: options.end ?? END,
    day: localDayOf(new Date(start), venue.timeZone),
    partySize,
    ...(options.resourceId ? { resourceId: options.resourceId } : {}),
    status,
    channel: 'member',
    createdAt: '2030-03-01T00:00:00.000Z',
    updatedAt: '2030-03-01T00:00:00.000Z',
    ...(status === 'waitlisted'
      ? { waitlistedAt: new Date(Date.parse('2030-03-01T00:00:00.000Z') + ++arrival * 1000).toISOString() }
      : {}),
    version: 1,
  };
  await documents.put({
    TableName: table(),
    Item: {
      ...bookingKey(booking.bookingId),
      ...memberBookingsIndex(booking),
      ...venueDayBookingsIndex(booking),
      ...booking,
    },
  });
  if (status === 'waitlisted') {
    await documents.put({
      TableName: table(),
      Item: { ...waitlistPlaceKey(booking), bookingId: booking.bookingId },
    });
    return booking;
  }
  await documents.put({
    TableName: table(),
    Item: {
      ...memberSlotGuardKey(venue.id, booking.day, start, booking.customerId),
      bookingId: booking.bookingId,
    },
  });
  if (options.resourceId)
    await documents.put({
      TableName: table(),
      Item: {
        ...resourceSlotKey(venue.id, booking.day, start, options.resourceId),
        bookingId: booking.bookingId,
      },
    });
  else
    await documents.update({
      TableName: table(),
      Key: poolSlotKey(venue.id, booking.day, start),
      UpdateExpression: 'ADD taken :party',
      ExpressionAttributeValues: { ':party': partySize },
    });
  return booking;
}

/** A confirmed booking cancelled as the cancel path does it: status, room and guard in one go. */
async function cancel(booking: Booking) {
  await documents.transactWrite({
    TransactItems: [
      {
        Update: {
          TableName: table(),
          Key: bookingKey(booking.bookingId),
          UpdateExpression: 'SET #s = :c ADD version :one',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':c': 'cancelled', ':one': 1 },
        },
      },
      booking.resourceId
        ? {
            Delete: {
              TableName: table(),
              Key: resourceSlotKey(booking.venueId, booking.day, booking.start, booking.resourceId),
            },
          }
        : {
            Update: {
              TableName: table(),
              Key: poolSlotKey(booking.venueId, booking.day, booking.start),
              UpdateExpression: 'ADD taken :minus',
              ExpressionAttributeValues: { ':minus': -booking.partySize },
            },
          },
      {
        Delete: {
          TableName: table(),
          Key: memberSlotGuardKey(booking.venueId, booking.day, booking.start, booking.customerId),
        },
      },
    ],
  });
}

const item = async (key: { pk: string; sk: string }) =>
  (await documents.get({ TableName: table(), Key: key, ConsistentRead: true })).Item;
const takenOf = async (venue: Venue, start = START) =>
  Number((await item(poolSlotKey(venue.id, localDayOf(new Date(start), venue.timeZone), start)))?.taken ?? 0);
const statusOf = async (booking: Booking) => (await getBooking(booking.bookingId))?.status;
const statusesOf = (bookings: Booking[]) => Promise.all(bookings.map(statusOf));
const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );
const published = (type: string) => eventBridge.published().filter((event) => event.type === type);

/** Covers the slot's bookings hold: confirmed and offered parties. */
async function coversHeld(bookings: Booking[]) {
  const current = await Promise.all(bookings.map((booking) => getBooking(booking.bookingId)));
  return current
    .filter((booking) => booking && (booking.status === 'confirmed' || booking.status === 'offered'))
    .reduce((sum, booking) => sum + booking!.partySize, 0);
}

/** A full pool slot of 10 covers (parties of 4, 4 and 2) and its waitlist of the given parties, in order. */
async function fullWorkshop(waitlistParties: number[]) {
  const venue = await putVenue({ mode: 'pool', coversPerSlot: 10 });
  const confirmed = [
    await putBooking(venue, 4, 'confirmed'),
    await putBooking(venue, 4, 'confirmed'),
    await putBooking(venue, 2, 'confirmed'),
  ];
  const waitlist: Booking[] = [];
  for (const party of waitlistParties) waitlist.push(await putBooking(venue, party, 'waitlisted'));
  return { venue, confirmed, waitlist, all: [...confirmed, ...waitlist] };
}

describe('offering freed room', () => {
  it('offers 2 freed covers to the first member who fits, passing over a party of 4 that keeps its place', async () => {
    const { venue, confirmed, waitlist, all } = await fullWorkshop([4, 2, 1]);
    const [four, two, one] = waitlist as [Booking, Booking, Booking];
    await cancel(confirmed[2]!);

    const offers = await offerFreedRoom(venue.id, START, 'corr', NOW);

    expect(offers.map((offer) => offer.bookingId)).toEqual([two.bookingId]);
    expect(await statusesOf([four, two, one])).toEqual(['waitlisted', 'offered', 'waitlisted']);
    expect((await getBooking(two.bookingId))?.offerExpiresAt).toBe(EXPIRY.toISOString());
    expect(await takenOf(venue)).toBe(10);
    expect(await takenOf(venue)).toBe(await coversHeld(all));
    // The offer item is in the lapse query's partition, its event sent and cleared.
    const offer = await item(offerKey({ offerExpiresAt: EXPIRY.toISOString(), bookingId: two.bookingId }));
    expect(offer).toMatchObject({ pk: OFFERS_PK, bookingId: two.bookingId });
    expect(offer?.offeredEvent).toBeUndefined();
    expect(published('WaitlistOffered')).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({
          eventId: `WaitlistOffered-${two.bookingId}`,
          correlationId: 'corr',
        }),
        data: expect.objectContaining({
          bookingId: two.bookingId,
          customerId: two.customerId,
          venueId: venue.id,
          venueKind: 'event',
          partySize: 2,
          offeredAt: NOW.toISOString(),
          offerExpiresAt: EXPIRY.toISOString(),
        }),
      }),
    ]);
    // Positions count the places before: the offered member's place stays until the offer is taken or lapses.
    expect(await waitlistPosition((await getBooking(four.bookingId))!)).toBe(1);
    expect(await waitlistPosition((await getBooking(one.bookingId))!)).toBe(3);
    expect(await waitlistPosition((await getBooking(two.bookingId))!)).toBeUndefined();
  });

  it('keeps offering while room remains: two freed covers make two offers of 1', async () => {
    const { venue, confirmed, waitlist, all } = await fullWorkshop([1, 1, 1]);
    await cancel(confirmed[2]!);
    const offers = await offerFreedRoom(venue.id, START, 'corr', NOW);
    expect(offers).toHaveLength(2);
    expect(await statusesOf(waitlist)).toEqual(['offered', 'offered', 'waitlisted']);
    expect(await takenOf(venue)).toBe(10);
    expect(await coversHeld(all)).toBe(10);
    expect(published('WaitlistOffered')).toHaveLength(2);
  });

  it('offers nothing once the slot has started', async () => {
    const { venue, confirmed, waitlist } = await fullWorkshop([1]);
    await cancel(confirmed[2]!);
    expect(await offerFreedRoom(venue.id, START, 'corr', new Date(START))).toEqual([]);
    expect(await statusesOf(waitlist)).toEqual(['waitlisted']);
    expect(await takenOf(venue)).toBe(8);
    expect(published('WaitlistOffered')).toEqual([]);
  });

  it('offers each member once and never over-takes room when many runs for the slot race', async () => {
    const { venue, confirmed, waitlist, all } = await fullWorkshop([1, 2, 1, 1, 3, 1]);
    // Two cancellations (6 covers) processed at once, each by several deliveries.
    await cancel(confirmed[0]!);
    await cancel(confirmed[2]!);
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => offerFreedRoom(venue.id, START, `corr-${i}`, NOW)),
    );
    const offered = runs.flat().map((offer) => offer.bookingId);
    expect(new Set(offered).size).toBe(offered.length);
    // 1 + 2 + 1 + 1 fit into 6; the party of 3 does not fit the 1 left, the last 1 does.
    expect(await statusesOf(waitlist)).toEqual([
      'offered',
      'offered',
      'offered',
      'offered',
      'waitlisted',
      'offered',
    ]);
    expect(await takenOf(venue)).toBe(10);
    expect(await coversHeld(all)).toBe(10);
    expect(
      published('WaitlistOffered')
        .map((event) => event.data.bookingId)
        .sort(),
    ).toEqual([...offered].sort());
  });

  it('offers a freed resource to the first member it seats, the smallest that fits', async () => {
    const venue = await putVenue({
      mode: 'resources',
      resources: [
        { id: 't2', name: 'Table for 2', seats: 2, active: true },
        { id: 't4', name: 'Table for 4', seats: 4, active: true },
        { id: 't6', name: 'Table for 6', seats: 6, active: true },
      ],
    });
    const held = [
      await putBooking(venue, 2, 'confirmed', { resourceId: 't2' }),
      await putBooking(venue, 4, 'confirmed', { resourceId: 't4' }),
      await putBooking(venue, 5, 'confirmed', { resourceId: 't6' }),
    ];
    const five = await putBooking(venue, 5, 'waitlisted');
    const three = await putBooking(venue, 3, 'waitlisted');
    await cancel(held[1]!);

    await offerFreedRoom(venue.id, START, 'corr', NOW);

    expect(await statusesOf([five, three])).toEqual(['waitlisted', 'offered']);
    expect((await getBooking(three.bookingId))?.resourceId).toBe('t4');
    expect((await item(resourceSlotKey(venue.id, three.day, START, 't4')))?.bookingId).toBe(three.bookingId);

    // Lapsed, the table is free again: the party of 5 still does not fit it, so it stays free.
    expect(await lapseOffers('corr', new Date(EXPIRY.getTime() + 1000))).toBeGreaterThanOrEqual(1);
    expect(await statusOf(three)).toBe('offer-lapsed');
    expect(await item(resourceSlotKey(venue.id, three.day, START, 't4'))).toBeUndefined();
    expect(await statusOf(five)).toBe('waitlisted');
  });
});

describe('an offer expiring', () => {
  it('lapses only once due, then passes the room to the next member who fits', async () => {
    const { venue, confirmed, waitlist, all } = await fullWorkshop([4, 2, 1, 1]);
    const [four, two, oneA, oneB] = waitlist as [Booking, Booking, Booking, Booking];
    await cancel(confirmed[2]!);
    await offerFreedRoom(venue.id, START, 'corr', NOW);
    expect(await statusOf(two)).toBe('offered');

    await lapseOffers('corr', at(OFFER_HOLD_MINUTES * MINUTE - 1000));
    expect(await statusOf(two)).toBe('offered');

    const later = new Date(EXPIRY.getTime() + 1000);
    await lapseOffers('corr', later);
    expect(await statusesOf([four, two, oneA, oneB])).toEqual([
      'waitlisted',
      'offer-lapsed',
      'offered',
      'offered',
    ]);
    expect(await item(waitlistPlaceKey((await getBooking(two.bookingId))!))).toBeUndefined();
    expect(
      await item(offerKey({ offerExpiresAt: EXPIRY.toISOString(), bookingId: two.bookingId })),
    ).toBeUndefined();
    const next = await getBooking(oneA.bookingId);
    expect(next?.offerExpiresAt).toBe(new Date(later.getTime() + OFFER_HOLD_MINUTES * MINUTE).toISOString());
    expect(await takenOf(venue)).toBe(10);
    expect(await coversHeld(all)).toBe(10);
    // The lapsed member cannot take it any more.
    expect(await outcomeOf(confirmOffer(two.customerId, two.bookingId, 'corr', later))).toBe('OFFER_LAPSED');
  });
});

describe('confirming an offer', () => {
  it('confirms within time: the booking holds its room, the guard is put, the place and offer item go', async () => {
    const { venue, confirmed, waitlist, all } = await fullWorkshop([2]);
    const [two] = waitlist as [Booking];
    await cancel(confirmed[2]!);
    await offerFreedRoom(venue.id, START, 'corr', NOW);

    const view = await confirmOffer(two.customerId, two.bookingId, 'corr-confirm', at(14 * MINUTE));

    expect(view).toMatchObject({
      bookingId: two.bookingId,
      status: 'confirmed',
      start: '2030-03-12T14:00:00+08:00',
    });
    expect(view.offerExpiresAt).toBeUndefined();
    expect(await statusOf(two)).toBe('confirmed');
    expect(await item(memberSlotGuardKey(venue.id, two.day, START, two.customerId))).toMatchObject({
      bookingId: two.bookingId,
    });
    expect(await item(waitlistPlaceKey(two))).toBeUndefined();
    expect(
      await item(offerKey({ offerExpiresAt: EXPIRY.toISOString(), bookingId: two.bookingId })),
    ).toBeUndefined();
    expect(await takenOf(venue)).toBe(10);
    expect(await coversHeld(all)).toBe(10);
    expect(published('BookingConfirmed')).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ eventId: `BookingConfirmed-${two.bookingId}` }),
        data: expect.objectContaining({ bookingId: two.bookingId, via: 'waitlist', channel: 'member' }),
      }),
    ]);
    // Again: the same answer, no second event; the lapse later finds nothing to release.
    expect(await confirmOffer(two.customerId, two.bookingId, 'corr', at(20 * MINUTE))).toMatchObject({
      status: 'confirmed',
    });
    expect(published('BookingConfirmed')).toHaveLength(1);
    await lapseOffers('corr', at(30 * MINUTE));
    expect(await statusOf(two)).toBe('confirmed');
    expect(await takenOf(venue)).toBe(10);
  });

  it('refuses an expired offer with OFFER_LAPSED, a booking not offered, and another member', async () => {
    const { venue, confirmed, waitlist } = await fullWorkshop([2, 4]);
    const [two, four] = waitlist as [Booking, Booking];
    await cancel(confirmed[2]!);
    await offerFreedRoom(venue.id, START, 'corr', NOW);

    expect(await outcomeOf(confirmOffer(two.customerId, two.bookingId, 'corr', EXPIRY))).toBe('OFFER_LAPSED');
    expect(await outcomeOf(confirmOffer(four.customerId, four.bookingId, 'corr', NOW))).toBe(
      'BOOKING_NOT_CHANGEABLE',
    );
    expect(await outcomeOf(confirmOffer(four.customerId, two.bookingId, 'corr', NOW))).toBe('NOT_FOUND');
    expect(await statusOf(two)).toBe('offered');
    expect(await takenOf(venue)).toBe(10);
    expect(published('BookingConfirmed')).toEqual([]);
  });

  it('answers DUPLICATE_BOOKING to a member who holds another booking in the slot, and keeps the offer open', async () => {
    const { venue, confirmed, waitlist } = await fullWorkshop([2]);
    const [two] = waitlist as [Booking];
    await cancel(confirmed[2]!);
    await offerFreedRoom(venue.id, START, 'corr', NOW);
    await documents.put({
      TableName: table(),
      Item: { ...memberSlotGuardKey(venue.id, two.day, START, two.customerId), bookingId: 'another' },
    });
    expect(await outcomeOf(confirmOffer(two.customerId, two.bookingId, 'corr', NOW))).toBe(
      'DUPLICATE_BOOKING',
    );
    expect(await statusOf(two)).toBe('offered');
    expect(await item(waitlistPlaceKey(two))).toBeDefined();
  });

  it('lets exactly one of a last-moment confirmation and the lapse win, with the counters consistent', async () => {
    const winners: string[] = [];
    for (let round = 0; round < 3; round++) {
      const { venue, confirmed, waitlist, all } = await fullWorkshop([2, 2]);
      const [first, second] = waitlist as [Booking, Booking];
      await cancel(confirmed[2]!);
      await offerFreedRoom(venue.id, START, 'corr', NOW);
      const [confirmation, lapsed] = await Promise.all([
        outcomeOf(confirmOffer(first.customerId, first.bookingId, 'corr', new Date(EXPIRY.getTime() - 1))),
        lapseOffers('corr', EXPIRY),
      ]);
      const status = await statusOf(first);
      if (confirmation === 'ok') {
        expect(status).toBe('confirmed');
        expect(await statusOf(second)).toBe('waitlisted');
        expect(await item(memberSlotGuardKey(venue.id, first.day, START, first.customerId))).toBeDefined();
      } else {
        expect(confirmation).toBe('OFFER_LAPSED');
        expect(lapsed).toBeGreaterThanOrEqual(1);
        expect(status).toBe('offer-lapsed');
        expect(await statusOf(second)).toBe('offered');
        expect(await item(memberSlotGuardKey(venue.id, first.day, START, first.customerId))).toBeUndefined();
      }
      winners.push(confirmation);
      expect(await takenOf(venue)).toBe(10);
      expect(await coversHeld(all)).toBe(10);
    }
    expect(winners.every((winner) => ['ok', 'OFFER_LAPSED'].includes(winner))).toBe(true);
  });
});

describe('events that cannot be sent at once', () => {
  it('keeps an offer whose WaitlistOffered failed on its item until the lapse schedule sends it', async () => {
    const { venue, confirmed, waitlist } = await fullWorkshop([2]);
    const [two] = waitlist as [Booking];
    await cancel(confirmed[2]!);
    eventBridge.outage();
    await expect(offerFreedRoom(venue.id, START, 'corr', NOW)).rejects.toThrow();
    expect(await statusOf(two)).toBe('offered');
    const key = offerKey({ offerExpiresAt: EXPIRY.toISOString(), bookingId: two.bookingId });
    expect((await item(key))?.offeredEvent).toBeDefined();

    eventBridge.reset();
    // A minute on: nothing is due, but the leftover event goes out, once.
    await lapseOffers('corr', at(MINUTE));
    expect(await statusOf(two)).toBe('offered');
    expect(published('WaitlistOffered').map((event) => event.data.bookingId)).toEqual([two.bookingId]);
    expect((await item(key))?.offeredEvent).toBeUndefined();
    await lapseOffers('corr', at(2 * MINUTE));
    expect(published('WaitlistOffered')).toHaveLength(1);
  });

  it('publishes a confirmation whose event failed from the offer item, then forgets the item', async () => {
    const { venue, confirmed, waitlist } = await fullWorkshop([2]);
    const [two] = waitlist as [Booking];
    await cancel(confirmed[2]!);
    await offerFreedRoom(venue.id, START, 'corr', NOW);
    eventBridge.outage();
    await expect(confirmOffer(two.customerId, two.bookingId, 'corr', at(MINUTE))).rejects.toThrow();
    expect(await statusOf(two)).toBe('confirmed');
    eventBridge.reset();
    await lapseOffers('corr', at(2 * MINUTE));
    expect(published('BookingConfirmed').map((event) => event.data.bookingId)).toEqual([two.bookingId]);
    expect(
      await item(offerKey({ offerExpiresAt: EXPIRY.toISOString(), bookingId: two.bookingId })),
    ).toBeUndefined();
  });
});

/** A slot two days from the real clock, for handlers, which run at the time they are called. */
const slotAhead = () => {
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 48 * 3_600_000);
  return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
};

describe('the offerFreedRoom consumer', () => {
  const cancelledEvent = (
    booking: Booking,
    previousStatus: 'confirmed' | 'waitlisted' | 'offered',
  ): EventBridgeEvent<string, unknown> => ({
    version: '0',
    id: unique('eb'),
    'detail-type': 'BookingCancelled',
    source: 'sbm.crm.bookings',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: {
      metadata: {
        eventId: unique('evt'),
        schemaVersion: 1,
        correlationId: 'corr',
        occurredAt: new Date().toISOString(),
      },
      data: {
        bookingId: booking.bookingId,
        customerId: booking.customerId,
        venueId: booking.venueId,
        venueKind: 'event',
        start: booking.start,
        end: booking.end,
        partySize: booking.partySize,
        previousStatus,
        late: false,
        by: 'member',
        cancelledAt: new Date().toISOString(),
      },
    },
  });

  it('offers once however often the same event is delivered, and not at all for a waitlist place cancelled', async () => {
    const { handler } = await import('../../functions/bookings/offer-freed-room');
    const slot = slotAhead();
    const venue = await putVenue({ mode: 'pool', coversPerSlot: 4 });
    const held = [
      await putBooking(venue, 2, 'confirmed', slot),
      await putBooking(venue, 2, 'confirmed', slot),
    ];
    const waiting = [
      await putBooking(venue, 1, 'waitlisted', slot),
      await putBooking(venue, 1, 'waitlisted', slot),
      await putBooking(venue, 1, 'waitlisted', slot),
    ];
    const leaving = await putBooking(venue, 1, 'waitlisted', slot);

    // A cancelled waitlist place frees nothing: passed over before any work.
    expect(await handler(cancelledEvent(leaving, 'waitlisted'), lambdaContext())).toMatchObject({
      applied: false,
    });

    await cancel(held[0]!);
    const event = cancelledEvent(held[0]!, 'confirmed');
    await handler(event, lambdaContext());
    expect(await statusesOf(waiting)).toEqual(['offered', 'offered', 'waitlisted']);

    // Room freed behind the consumer's back: a redelivery of the same event still does nothing more.
    await documents.update({
      TableName: table(),
      Key: poolSlotKey(venue.id, held[0]!.day, slot.start),
      UpdateExpression: 'ADD taken :minus',
      ExpressionAttributeValues: { ':minus': -1 },
    });
    await handler({ ...event, id: unique('redelivered') }, lambdaContext());
    expect(await statusesOf(waiting)).toEqual(['offered', 'offered', 'waitlisted']);
    expect(published('WaitlistOffered')).toHaveLength(2);
  });

  it("offers the room a booking moved away from to the old slot's waitlist", async () => {
    const { handler } = await import('../../functions/bookings/offer-freed-room');
    const slot = slotAhead();
    const venue = await putVenue({ mode: 'pool', coversPerSlot: 2 });
    const moving = await putBooking(venue, 2, 'confirmed', slot);
    const waiting = await putBooking(venue, 2, 'waitlisted', slot);
    await cancel(moving); // the old slot's room released, as the move does
    const newStart = new Date(Date.parse(slot.start) + 3_600_000).toISOString();
    await handler(
      {
        version: '0',
        id: unique('eb'),
        'detail-type': 'BookingRescheduled',
        source: 'sbm.crm.bookings',
        account: '000000000000',
        time: new Date().toISOString(),
        region: 'us-east-1',
        resources: [],
        detail: {
          metadata: {
            eventId: unique('evt'),
            schemaVersion: 1,
            correlationId: 'corr',
            occurredAt: new Date().toISOString(),
          },
          data: {
            bookingId: moving.bookingId,
            customerId: moving.customerId,
            venueId: venue.id,
            venueKind: 'event',
            start: newStart,
            end: new Date(Date.parse(newStart) + 3_600_000).toISOString(),
            partySize: 2,
            previousStart: slot.start,
            previousEnd: slot.end,
            rescheduledAt: new Date().toISOString(),
          },
        },
      },
      lambdaContext(),
    );
    expect(await statusOf(waiting)).toBe('offered');
    expect(await takenOf(venue, slot.start)).toBe(2);
  });
});

describe('POST /v1/bookings/{bookingId}/confirm', () => {
  const post = async (customerId: string, bookingId: string) => {
    const { handler } = await import('../../functions/bookings/confirm-offer');
    const path = `/v1/bookings/${bookingId}/confirm`;
    const response = (await handler(
      {
        ...apiEvent({ method: 'POST', path, authorizer: { kind: 'customer', customerId, sessionId: 's' } }),
        resource: '/v1/bookings/{bookingId}/confirm',
        pathParameters: { bookingId },
      },
      lambdaContext(),
    )) as { statusCode: number; headers: Record<string, string>; body: string };
    return {
      status: response.statusCode,
      contentType: response.headers['content-type'],
      body: JSON.parse(response.body) as Record<string, unknown>,
    };
  };

  it("confirms the member's own offer, answers it again, and hides other members' bookings", async () => {
    const slot = slotAhead();
    const venue = await putVenue({ mode: 'pool', coversPerSlot: 2 });
    const held = await putBooking(venue, 2, 'confirmed', slot);
    const waiting = await putBooking(venue, 2, 'waitlisted', slot);
    await cancel(held);
    await offerFreedRoom(venue.id, slot.start, 'corr');

    const stranger = await post(unique('c'), waiting.bookingId);
    expect(stranger).toMatchObject({ status: 404, contentType: 'application/problem+json' });
    expect(await statusOf(waiting)).toBe('offered');

    const first = await post(waiting.customerId, waiting.bookingId);
    expect(first).toMatchObject({ status: 200, body: { bookingId: waiting.bookingId, status: 'confirmed' } });
    expect(await post(waiting.customerId, waiting.bookingId)).toEqual(first);
    expect(published('BookingConfirmed')).toHaveLength(1);

    expect(await post(held.customerId, held.bookingId)).toMatchObject({
      status: 409,
      body: { code: 'BOOKING_NOT_CHANGEABLE' },
    });
    expect((await post(waiting.customerId, 'x'.repeat(65))).status).toBe(400);
  });
});
