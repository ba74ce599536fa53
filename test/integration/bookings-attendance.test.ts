// Attendance against DynamoDB Local: check-in by code (window, venue, once, races), the no-show sweep, strikes, the day view.
import type { EventBridgeEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkInByCode,
  checkInByStaff,
  checkInCodeFor,
  markNoShowByStaff,
  markNoShows,
} from '../../lib/bookings/attendance';
import { checkInKey, signCheckInCode } from '../../lib/bookings/check-in';
import { venueDay } from '../../lib/bookings/day-view';
import {
  bookingKey,
  memberBookingsIndex,
  poolSlotKey,
  strikeKey,
  venueDayBookingsIndex,
  venueKey,
  venueListSortKey,
  VENUE_LIST_PK,
  type Booking,
  type Venue,
} from '../../lib/bookings/model';
import { getBooking, getStrikes } from '../../lib/bookings/repository';
import { localDayOf } from '../../lib/bookings/slots';
import { recordStrike } from '../../lib/bookings/strikes';
import { customerKey } from '../../lib/customers/repository';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { handler as checkInHandler } from '../../functions/bookings/check-in-booking';
import { handler as dayHandler } from '../../functions/bookings/get-venue-day';
import { handler as strikeHandler } from '../../functions/bookings/record-booking-strike';
import { apiEvent, lambdaContext } from '../support/lambda';
import { acceptingEventBridge, seedProfile, unique } from '../support/members';
import { staffCaller } from '../support/staff';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());
afterEach(() => vi.restoreAllMocks());

const table = () => tableNameFromEnv('main');
const MINUTE = 60_000;
const plus = (iso: string | Date, ms: number) => new Date(new Date(iso).getTime() + ms);
const everyDay = [{ open: '10:00', close: '22:00' }];

async function putVenue(overrides: Partial<Venue> = {}): Promise<Venue> {
  const venue: Venue = {
    id: unique('v').slice(0, 40).toLowerCase(),
    name: 'Clay workshop',
    kind: 'event',
    storeId: 'store-1',
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
    strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 14 },
    capacity: { mode: 'pool', coversPerSlot: 10 },
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
  await documents.put({
    TableName: table(),
    Item: { ...venueKey(venue.id), gsi1pk: VENUE_LIST_PK, gsi1sk: venueListSortKey(venue), ...venue },
  });
  return venue;
}

async function putBooking(venue: Venue, start: string, overrides: Partial<Booking> = {}): Promise<Booking> {
  const booking: Booking = {
    bookingId: unique('b'),
    customerId: unique('c'),
    venueId: venue.id,
    start: new Date(start).toISOString(),
    end: plus(start, venue.slotMinutes * MINUTE).toISOString(),
    day: localDayOf(new Date(start), venue.timeZone),
    partySize: 2,
    status: 'confirmed',
    channel: 'member',
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
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
  return booking;
}

const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );
const eventsOf = (type: string, bookingId: string) =>
  eventBridge.published().filter((event) => event.type === type && event.data.bookingId === bookingId);
const codeAt = async (booking: Booking, at: Date) => signCheckInCode(booking, await checkInKey(), at).code;

describe('check-in by code', () => {
  // Shanghai 14:00 on a Monday in 2031: far from any other file's bookings.
  const start = '2031-03-10T06:00:00.000Z';

  it('opens 30 minutes before the start and closes at the start plus the grace, both edges included', async () => {
    const venue = await putVenue();
    const cases: [Date, string][] = [
      [plus(start, -30 * MINUTE - 1000), 'CHECK_IN_TOO_EARLY'],
      [plus(start, -30 * MINUTE), 'ok'],
      [plus(start, 15 * MINUTE), 'ok'],
      [plus(start, 15 * MINUTE + 1000), 'CHECK_IN_CLOSED'],
    ];
    for (const [at, expected] of cases) {
      const booking = await putBooking(venue, start);
      expect(
        await outcomeOf(checkInByCode(venue, await codeAt(booking, at), 'corr', at)),
        at.toISOString(),
      ).toBe(expected);
      expect((await getBooking(booking.bookingId))!.status).toBe(
        expected === 'ok' ? 'attended' : 'confirmed',
      );
    }
  });

  it('checks in once and publishes BookingAttended by code once; a second scan is ALREADY_CHECKED_IN', async () => {
    const venue = await putVenue();
    const booking = await putBooking(venue, start);
    const at = plus(start, -5 * MINUTE);
    const code = await codeAt(booking, at);
    const attended = await checkInByCode(venue, code, 'corr', at);
    expect(attended).toMatchObject({ status: 'attended', attendedAt: at.toISOString(), version: 2 });
    expect(await outcomeOf(checkInByCode(venue, code, 'corr', plus(at, MINUTE)))).toBe('ALREADY_CHECKED_IN');
    const stored = await getBooking(booking.bookingId);
    expect(stored).toMatchObject({ status: 'attended', version: 2 });
    expect(stored!.pendingEvent).toBeUndefined();
    const events = eventsOf('BookingAttended', booking.bookingId);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ by: 'code', attendedAt: at.toISOString(), venueId: venue.id });
  });

  it('checks in one of many scans at once; the others are ALREADY_CHECKED_IN', async () => {
    const venue = await putVenue();
    const booking = await putBooking(venue, start);
    const at = plus(start, -10 * MINUTE);
    const code = await codeAt(booking, at);
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => outcomeOf(checkInByCode(venue, code, 'corr', at))),
    );
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'ALREADY_CHECKED_IN')).toHaveLength(11);
    expect((await getBooking(booking.bookingId))!.version).toBe(2);
    // Scans that find the event still on the booking publish it again, under the one id consumers apply once.
    const events = eventsOf('BookingAttended', booking.bookingId);
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(new Set(events.map((event) => event.metadata.eventId)).size).toBe(1);
  });

  it("refuses another venue's code, an altered code and an expired one, changing nothing", async () => {
    const venue = await putVenue();
    const elsewhere = await putVenue();
    const booking = await putBooking(venue, start);
    const at = plus(start, -5 * MINUTE);
    const code = await codeAt(booking, at);
    expect(await outcomeOf(checkInByCode(elsewhere, code, 'corr', at))).toBe('CHECK_IN_CODE_INVALID');
    const [payload, mac] = code.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), v: elsewhere.id }),
    ).toString('base64url');
    expect(await outcomeOf(checkInByCode(elsewhere, `${forged}.${mac}`, 'corr', at))).toBe(
      'CHECK_IN_CODE_INVALID',
    );
    const expired = checkInByCode(venue, code, 'corr', plus(at, 5 * MINUTE + 1000));
    await expect(expired).rejects.toMatchObject({
      code: 'CHECK_IN_CODE_INVALID',
      detail: expect.stringMatching(/refresh/),
    });
    expect(await getBooking(booking.bookingId)).toMatchObject({ status: 'confirmed', version: 1 });
    expect(eventBridge.published()).toEqual([]);
  });

  it('refuses a cancelled or no-show booking as not changeable', async () => {
    const venue = await putVenue();
    const at = plus(start, -5 * MINUTE);
    for (const status of ['cancelled', 'no-show'] as const) {
      const booking = await putBooking(venue, start, { status });
      expect(await outcomeOf(checkInByCode(venue, await codeAt(booking, at), 'corr', at))).toBe(
        'BOOKING_NOT_CHANGEABLE',
      );
    }
  });

  it('keeps the event on the booking through an EventBridge outage, and the next scan publishes it', async () => {
    const venue = await putVenue();
    const booking = await putBooking(venue, start);
    const at = plus(start, -5 * MINUTE);
    const code = await codeAt(booking, at);
    eventBridge.outage();
    await expect(checkInByCode(venue, code, 'corr-1', at)).rejects.toThrow(/unavailable/);
    expect((await getBooking(booking.bookingId))!.pendingEvent).toMatchObject({
      name: 'BookingAttended',
      by: 'code',
    });
    eventBridge.reset();
    expect(await outcomeOf(checkInByCode(venue, code, 'corr-2', at))).toBe('ALREADY_CHECKED_IN');
    expect(eventsOf('BookingAttended', booking.bookingId)).toHaveLength(1);
    expect((await getBooking(booking.bookingId))!.pendingEvent).toBeUndefined();
  });

  it("answers a member's code for their confirmed booking with its window, and refuses another member", async () => {
    const venue = await putVenue();
    const booking = await putBooking(venue, start);
    const at = plus(start, -2 * 3600_000);
    const answer = await checkInCodeFor(booking.customerId, booking.bookingId, at);
    expect(answer).toMatchObject({
      expiresAt: '2031-03-10T12:05:00+08:00',
      validFrom: '2031-03-10T13:30:00+08:00',
      validUntil: '2031-03-10T14:15:00+08:00',
    });
    // The code it gives checks the booking in once the window opens (a fresh one, as the app refreshes it).
    expect(await outcomeOf(checkInByCode(venue, answer.code, 'corr', plus(at, 4 * MINUTE)))).toBe(
      'CHECK_IN_TOO_EARLY',
    );
    expect(await outcomeOf(checkInCodeFor(unique('c'), booking.bookingId, at))).toBe('NOT_FOUND');
  });

  it('lets staff check a member in by hand, with the same window and once only', async () => {
    const venue = await putVenue();
    const booking = await putBooking(venue, start);
    const at = plus(start, 3 * MINUTE);
    expect(await outcomeOf(checkInByStaff(venue, booking.bookingId, 'corr', at))).toBe('ok');
    expect(await outcomeOf(checkInByStaff(venue, booking.bookingId, 'corr', at))).toBe('ALREADY_CHECKED_IN');
    expect(eventsOf('BookingAttended', booking.bookingId)[0]!.data.by).toBe('staff');
    const other = await putVenue();
    expect(await outcomeOf(checkInByStaff(other, booking.bookingId, 'corr', at))).toBe('NOT_FOUND');
  });
});

describe('the check-in route', () => {
  it("checks in at a store's venue for its manager, and refuses another store's manager", async () => {
    const venue = await putVenue({ storeId: unique('store') });
    // The route runs at the real clock: the booking starts ten minutes from now.
    const booking = await putBooking(venue, new Date(Date.now() + 10 * MINUTE).toISOString());
    const code = await codeAt(booking, new Date());
    const [manager, otherManager] = await Promise.all([
      staffCaller(['store_manager'], [venue.storeId!]),
      staffCaller(['store_manager'], [unique('store')]),
    ]);
    const call = async (authorizer: typeof manager) =>
      checkInHandler(
        {
          ...apiEvent({
            method: 'POST',
            path: `/v1/admin/venues/${venue.id}/check-ins`,
            authorizer,
            body: JSON.stringify({ code }),
          }),
          pathParameters: { venueId: venue.id },
        } as never,
        lambdaContext() as never,
      );
    expect((await call(otherManager)).statusCode).toBe(403);
    const response = await call(manager);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ bookingId: booking.bookingId, status: 'attended' });
    expect((await call(manager)).statusCode).toBe(409);
  });
});

describe('no-shows', () => {
  // Shanghai 20:00 on 20 May 2031.
  const now = new Date('2031-05-20T12:00:00.000Z');

  it('marks only confirmed bookings past their grace within the last 36 hours, and only once', async () => {
    const venue = await putVenue();
    const pastGrace = await putBooking(venue, '2031-05-20T11:00:00.000Z'); // 19:00, grace ended 19:15
    const inGrace = await putBooking(venue, '2031-05-20T11:50:00.000Z'); // grace ends 20:05
    const attended = await putBooking(venue, '2031-05-20T10:00:00.000Z', { status: 'attended' });
    const cancelled = await putBooking(venue, '2031-05-20T10:00:00.000Z', { status: 'cancelled' });
    const yesterday = await putBooking(venue, '2031-05-19T03:00:00.000Z'); // 11:00 the day before
    const tooOld = await putBooking(venue, '2031-05-18T23:00:00.000Z'); // 37 hours ago
    const inactive = await putVenue({ status: 'inactive' });
    const ofInactive = await putBooking(inactive, '2031-05-20T11:00:00.000Z');

    const first = await markNoShows('sweep-1', now);
    expect(first.markedNoShow).toBeGreaterThanOrEqual(2);
    const statusOf = async (booking: Booking) => (await getBooking(booking.bookingId))!.status;
    expect(await statusOf(pastGrace)).toBe('no-show');
    expect(await statusOf(yesterday)).toBe('no-show');
    expect(await statusOf(inGrace)).toBe('confirmed');
    expect(await statusOf(attended)).toBe('attended');
    expect(await statusOf(cancelled)).toBe('cancelled');
    expect(await statusOf(tooOld)).toBe('confirmed');
    expect(await statusOf(ofInactive)).toBe('confirmed');
    expect(await getBooking(pastGrace.bookingId)).toMatchObject({ noShowAt: now.toISOString(), version: 2 });
    const noShows = eventBridge
      .published()
      .filter((event) => event.type === 'BookingNoShow' && event.data.venueId === venue.id);
    expect(noShows.map((event) => event.data.bookingId).sort()).toEqual(
      [pastGrace.bookingId, yesterday.bookingId].sort(),
    );
    expect(noShows[0]!.data).toMatchObject({ by: 'schedule', markedAt: now.toISOString() });

    eventBridge.reset();
    await markNoShows('sweep-2', plus(now, MINUTE));
    expect(eventBridge.published().filter((event) => event.data.venueId === venue.id)).toEqual([]);
    expect(await getBooking(pastGrace.bookingId)).toMatchObject({ status: 'no-show', version: 2 });

    // Once its grace has passed, the booking still in it is due too.
    await markNoShows('sweep-3', plus(now, 6 * MINUTE));
    expect(await statusOf(inGrace)).toBe('no-show');
  });

  it('publishes no-show events an outage left on the bookings at the next run', async () => {
    const venue = await putVenue();
    const booking = await putBooking(venue, '2031-05-20T10:00:00.000Z');
    eventBridge.outage();
    await expect(markNoShows('sweep-1', now)).rejects.toThrow();
    expect((await getBooking(booking.bookingId))!.pendingEvent).toMatchObject({ name: 'BookingNoShow' });
    eventBridge.reset();
    await markNoShows('sweep-2', plus(now, 5 * MINUTE));
    expect(eventsOf('BookingNoShow', booking.bookingId)).toHaveLength(1);
    expect((await getBooking(booking.bookingId))!.pendingEvent).toBeUndefined();
  });

  it('lets staff mark a no-show only once the booking has started', async () => {
    const venue = await putVenue();
    const booking = await putBooking(venue, '2031-05-20T12:00:00.000Z');
    expect(await outcomeOf(markNoShowByStaff(venue, booking.bookingId, 'corr', plus(now, -MINUTE)))).toBe(
      'BOOKING_NOT_STARTED',
    );
    await markNoShowByStaff(venue, booking.bookingId, 'corr', plus(now, MINUTE));
    expect(await outcomeOf(markNoShowByStaff(venue, booking.bookingId, 'corr', plus(now, 2 * MINUTE)))).toBe(
      'ok',
    );
    expect(await getBooking(booking.bookingId)).toMatchObject({ status: 'no-show', version: 2 });
    expect(eventsOf('BookingNoShow', booking.bookingId).map((event) => event.data.by)).toEqual(['staff']);
    // A no-show cannot then be checked in.
    expect(await outcomeOf(checkInByStaff(venue, booking.bookingId, 'corr', plus(now, 3 * MINUTE)))).toBe(
      'BOOKING_NOT_CHANGEABLE',
    );
  });
});

describe('strikes', () => {
  const now = new Date('2031-06-10T04:00:00.000Z');
  const daysAgo = (days: number) => plus(now, -days * 86_400_000).toISOString();
  const strike = (reason: 'no-show' | 'late-cancellation', at: string, bookingId = unique('b')) => ({
    at,
    weight: reason === 'no-show' ? 1 : 0.5,
    bookingId,
    reason,
  });

  it('suspends at the threshold: two no-shows and two late cancellations', async () => {
    const venue = await putVenue();
    const customerId = unique('c');
    await recordStrike(customerId, venue.id, strike('no-show', daysAgo(60)), now);
    await recordStrike(customerId, venue.id, strike('late-cancellation', daysAgo(30)), now);
    await recordStrike(customerId, venue.id, strike('no-show', daysAgo(10)), now);
    expect((await getStrikes(customerId, venue.id))!.suspendedUntil).toBeUndefined();
    const last = await recordStrike(customerId, venue.id, strike('late-cancellation', daysAgo(0)), now);
    expect(last).toEqual({ recorded: true, suspendedUntil: '2031-06-24T04:00:00.000Z' });
    expect(await getStrikes(customerId, venue.id)).toMatchObject({
      suspendedUntil: '2031-06-24T04:00:00.000Z',
      version: 4,
    });
  });

  it('lets strikes expire with the window', async () => {
    const venue = await putVenue();
    const customerId = unique('c');
    await recordStrike(customerId, venue.id, strike('no-show', daysAgo(91)), plus(now, -91 * 86_400_000));
    await recordStrike(customerId, venue.id, strike('no-show', daysAgo(91.5)), plus(now, -91 * 86_400_000));
    await recordStrike(customerId, venue.id, strike('no-show', daysAgo(1)), now);
    const record = await getStrikes(customerId, venue.id);
    expect(record!.strikes).toHaveLength(1);
    expect(record!.suspendedUntil).toBeUndefined();
  });

  it('strikes a booking once, and keeps every strike of racing events', async () => {
    const venue = await putVenue();
    const customerId = unique('c');
    const bookingIds = Array.from({ length: 4 }, () => unique('b'));
    // Each booking's strike arrives twice at once (two deliveries), all four bookings together.
    await Promise.all(
      [...bookingIds, ...bookingIds].map((bookingId) =>
        recordStrike(customerId, venue.id, strike('late-cancellation', daysAgo(1), bookingId), now),
      ),
    );
    const record = await getStrikes(customerId, venue.id);
    expect(record!.strikes.map((kept) => kept.bookingId).sort()).toEqual([...bookingIds].sort());
    expect(record!.suspendedUntil).toBeUndefined();
  });

  it('records a strike from a BookingNoShow event once, even from two events of one booking', async () => {
    const venue = await putVenue();
    const booking = await putBooking(venue, new Date(Date.now() - 3600_000).toISOString());
    const noShowEvent = (eventId: string): EventBridgeEvent<string, unknown> => ({
      version: '0',
      id: eventId,
      'detail-type': 'BookingNoShow',
      source: 'sbm.crm.bookings',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'us-east-1',
      resources: [],
      detail: {
        metadata: { eventId, schemaVersion: 1, correlationId: 'corr', occurredAt: new Date().toISOString() },
        data: {
          bookingId: booking.bookingId,
          customerId: booking.customerId,
          venueId: venue.id,
          venueKind: venue.kind,
          start: booking.start,
          end: booking.end,
          partySize: booking.partySize,
          markedAt: new Date().toISOString(),
          by: 'staff',
        },
      },
    });
    await strikeHandler(noShowEvent(unique('evt')) as never, lambdaContext() as never);
    await strikeHandler(noShowEvent(unique('evt')) as never, lambdaContext() as never);
    const record = await getStrikes(booking.customerId, venue.id);
    expect(record!.strikes).toEqual([expect.objectContaining({ bookingId: booking.bookingId, weight: 1 })]);
  });
});

describe('the day view', () => {
  const day = '2031-07-01';
  const slotStart = (hour: number) =>
    new Date(Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`)).toISOString();

  it("lists a day's 120 bookings across BatchGet pages, asking again for keys left unprocessed", async () => {
    const venue = await putVenue({ capacity: { mode: 'pool', coversPerSlot: 100 } });
    const bookings: Booking[] = [];
    for (let i = 0; i < 120; i++) bookings.push(await putBooking(venue, slotStart(10 + (i % 4))));
    await documents.put({
      TableName: table(),
      Item: { ...poolSlotKey(venue.id, day, slotStart(10)), taken: 60 },
    });
    const named = bookings[0]!;
    // A whole profile, as registration and a profile edit leave it: other files' upgrades read every one.
    await seedProfile(named.customerId);
    await documents.update({
      TableName: table(),
      Key: customerKey(named.customerId),
      UpdateExpression: 'SET #name = :name',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':name': '王小明' },
    });
    const waiting = await putBooking(venue, slotStart(11), {
      status: 'waitlisted',
      waitlistedAt: '2031-06-30T01:00:00.000Z',
    });
    await documents.put({
      TableName: table(),
      Item: {
        pk: `VENUEDAY#${venue.id}#${day}`,
        sk: `WAITLIST#${waiting.start}#${waiting.waitlistedAt}#${waiting.bookingId}`,
      },
    });

    // The first BatchGet leaves half its keys unprocessed, as a throttled one does.
    const realBatchGet = documents.batchGet;
    const batchGet = vi.spyOn(documents, 'batchGet').mockImplementationOnce(async (input) => {
      const [name, request] = Object.entries(input.RequestItems!)[0]!;
      const keys = request.Keys!;
      const answer = await realBatchGet({
        RequestItems: { [name]: { ...request, Keys: keys.slice(0, 50) } },
      });
      return { ...answer, UnprocessedKeys: { [name]: { ...request, Keys: keys.slice(50) } } };
    });
    const view = await venueDay(venue, day);

    const listed = view.slots.flatMap((slot) => slot.bookings.map((line) => line.bookingId));
    expect(listed.sort()).toEqual(bookings.map((booking) => booking.bookingId).sort());
    // Two pages of keys (100 + 21), one asked again, and the members' names.
    expect(batchGet.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(view.slots.map((slot) => slot.start)).toContain('2031-07-01T10:00:00+08:00');
    expect(view.slots).toHaveLength(12);
    const ten = view.slots.find((slot) => slot.start === '2031-07-01T10:00:00+08:00')!;
    expect(ten.capacity).toEqual({ mode: 'pool', taken: 60, covers: 100 });
    expect(ten.bookings.find((line) => line.bookingId === named.bookingId)!.member).toEqual({
      customerId: named.customerId,
      name: '王**',
    });
    const eleven = view.slots.find((slot) => slot.start === '2031-07-01T11:00:00+08:00')!;
    expect(eleven.waitlist).toEqual([
      expect.objectContaining({ bookingId: waiting.bookingId, position: 1, status: 'waitlisted' }),
    ]);
    expect(eleven.bookings.map((line) => line.bookingId)).not.toContain(waiting.bookingId);
  }, 30_000);

  it("answers a store's venue to its manager only, and a mall venue to no store manager", async () => {
    const venue = await putVenue({ storeId: unique('store') });
    const mall = await putVenue({ storeId: undefined });
    const [manager, otherManager] = await Promise.all([
      staffCaller(['store_manager'], [venue.storeId!]),
      staffCaller(['store_manager'], [unique('store')]),
    ]);
    const call = async (target: Venue, authorizer: typeof manager, date = day) =>
      (
        await dayHandler(
          {
            ...apiEvent({
              method: 'GET',
              path: `/v1/admin/venues/${target.id}/day`,
              authorizer,
              query: { date },
            }),
            pathParameters: { venueId: target.id },
          } as never,
          lambdaContext() as never,
        )
      ).statusCode;
    expect(await call(venue, manager)).toBe(200);
    expect(await call(venue, otherManager)).toBe(403);
    expect(await call(mall, otherManager)).toBe(403);
    expect(await call(venue, manager, '2031-02-30')).toBe(400);
  });
});

// Keeps the strike key layout honest: the record the consumer writes is the one booking reads.
it('writes the strike record where the booking side reads it', async () => {
  const venue = await putVenue();
  const customerId = unique('c');
  await recordStrike(
    customerId,
    venue.id,
    { at: '2031-06-10T00:00:00.000Z', weight: 1, bookingId: 'b1', reason: 'no-show' },
    new Date('2031-06-10T01:00:00.000Z'),
  );
  const { Item } = await documents.get({ TableName: table(), Key: strikeKey(customerId, venue.id) });
  expect(Item).toMatchObject({ customerId, venueId: venue.id, version: 1 });
});
