// Member 360's bookings against DynamoDB Local: one member's upcoming and past bookings as staff read them,
// page by page without loss or repeat, only at their stores' venues for a store-scoped reader, without the
// member's note, refused to a reader without bookings:read, and every read on record in the audit trail.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../functions/bookings/list-member-bookings';
import { searchAuditEntries } from '../../lib/audit';
import { cancelMyBooking, createBooking, type NewBooking } from '../../lib/bookings/bookings';
import { listMemberBookings, type MemberBookingLine } from '../../lib/bookings/member-bookings';
import { WEEKDAYS, type Venue } from '../../lib/bookings/model';
import { restaurantTables, seedVenue } from '../support/bookings';
import { apiEvent, lambdaContext } from '../support/lambda';
import { acceptingEventBridge, unique } from '../support/members';
import { staffCaller } from '../support/staff';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

/** Monday 1 March 2027, 10:00 in Shanghai. */
const NOW = new Date('2027-03-01T02:00:00.000Z');
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** 14:00 in Shanghai, `days` from 1 March 2027 (negative: before it), UTC. */
const at14 = (days: number, hours = 0) =>
  new Date(Date.parse('2027-03-01T06:00:00.000Z') + days * DAY_MS + hours * HOUR_MS).toISOString();

const allDay = Object.fromEntries(
  WEEKDAYS.map((day) => [day, [{ open: '00:00', close: '00:00' }]]),
) as Venue['hours'];

let storeA: Venue;
let storeB: Venue;
let mall: Venue;
beforeAll(async () => {
  [storeA, storeB, mall] = await Promise.all([
    seedVenue({
      name: 'Harbour Kitchen',
      kind: 'restaurant',
      storeId: 'store-a',
      hours: allDay,
      capacity: { mode: 'resources', resources: restaurantTables },
    }),
    seedVenue({ name: 'Salon B', kind: 'salon', storeId: 'store-b', hours: allDay }),
    seedVenue({ name: 'Atrium workshop', kind: 'event', hours: allDay }),
  ]);
});

const book = async (
  customerId: string,
  venue: Venue,
  start: string,
  now: Date,
  fields: Partial<NewBooking> = {},
) =>
  (
    await createBooking(
      {
        customerId,
        venueId: venue.id,
        start,
        partySize: 2,
        channel: 'member',
        idempotencyKey: unique('key'),
        correlationId: 'corr',
        ...fields,
      },
      now,
    )
  ).view;

/** Every page of a list, `limit` at a time, and how many pages it took. */
async function allPages(
  customerId: string,
  when: 'upcoming' | 'past',
  limit: number,
  stores?: ReadonlySet<string>,
  now = NOW,
) {
  const items: MemberBookingLine[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listMemberBookings(customerId, { when, limit, cursor }, stores, now);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 50);
  return { items, pages };
}

describe('listMemberBookings', () => {
  it("lists the member's upcoming bookings soonest first and past ones newest first, as the member sees them", async () => {
    const customerId = unique('c');
    const earlier = new Date(NOW.getTime() - 5 * DAY_MS);
    // Past: a booking at the mall two days ago and a walk-in at the restaurant yesterday.
    const pastMall = await book(customerId, mall, at14(-2), earlier);
    const pastWalkIn = await book(customerId, storeA, at14(-1), earlier, { channel: 'staff' });
    // Upcoming: the salon in three days, the restaurant tomorrow (with a note), one cancelled.
    const salon = await book(customerId, storeB, at14(3), NOW);
    const dinner = await book(customerId, storeA, at14(1), NOW, { partySize: 3, note: 'Window, please' });
    const dropped = await book(customerId, mall, at14(2), NOW);
    await cancelMyBooking(customerId, dropped.bookingId, 'corr', NOW);
    // Another member's booking is never in the list.
    await book(unique('c'), storeA, at14(1), NOW);

    const upcoming = await listMemberBookings(customerId, { when: 'upcoming', limit: 20 }, undefined, NOW);
    expect(upcoming.nextCursor).toBeNull();
    expect(upcoming.items.map((line) => line.bookingId)).toEqual([dinner.bookingId, salon.bookingId]);
    expect(upcoming.items[0]).toEqual({
      bookingId: dinner.bookingId,
      status: 'confirmed',
      venueId: storeA.id,
      venueName: 'Harbour Kitchen',
      venueKind: 'restaurant',
      start: '2027-03-02T14:00:00+08:00',
      end: '2027-03-02T15:00:00+08:00',
      partySize: 3,
      resourceId: 't4',
      channel: 'member',
      createdAt: NOW.toISOString(),
    });
    expect(JSON.stringify(upcoming)).not.toContain('Window, please');

    const past = await listMemberBookings(customerId, { when: 'past', limit: 20 }, undefined, NOW);
    expect(past.items.map((line) => [line.bookingId, line.channel, line.venueKind])).toEqual([
      [pastWalkIn.bookingId, 'staff', 'restaurant'],
      [pastMall.bookingId, 'member', 'event'],
    ]);
    expect(past.items[1]).toMatchObject({ start: '2027-02-27T14:00:00+08:00', venueName: 'Atrium workshop' });

    // On the 3rd at 16:00, tomorrow's dinner and the cancelled booking of the 3rd have started: both are past.
    const later = new Date(NOW.getTime() + 2 * DAY_MS + 6 * HOUR_MS);
    const after = await listMemberBookings(customerId, { when: 'past', limit: 20 }, undefined, later);
    expect(after.items.map((line) => line.bookingId)).toEqual([
      dropped.bookingId,
      dinner.bookingId,
      pastWalkIn.bookingId,
      pastMall.bookingId,
    ]);
    expect(after.items[0]).toMatchObject({ status: 'cancelled', late: false });
  });

  it('pages through every booking once, in order, a cursor opening only its own list and scope', async () => {
    const customerId = unique('c');
    const starts = Array.from({ length: 7 }, (_, index) => at14(1 + Math.floor(index / 3), index % 3));
    const made = [];
    for (const [index, start] of starts.entries())
      made.push(await book(customerId, [storeA, storeB, mall][index % 3]!, start, NOW));
    const expected = made.map((view) => view.bookingId);

    const { items, pages } = await allPages(customerId, 'upcoming', 3);
    expect(items.map((line) => line.bookingId)).toEqual(expected);
    expect(pages).toBe(3);

    const first = await listMemberBookings(customerId, { when: 'upcoming', limit: 3 }, undefined, NOW);
    const cursor = first.nextCursor!;
    await expect(
      listMemberBookings(customerId, { when: 'past', limit: 3, cursor }, undefined, NOW),
    ).rejects.toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
    await expect(
      listMemberBookings(customerId, { when: 'upcoming', limit: 3, cursor }, new Set(['store-a']), NOW),
    ).rejects.toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
    await expect(
      listMemberBookings(unique('c'), { when: 'upcoming', limit: 3, cursor }, undefined, NOW),
    ).rejects.toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });

  it("shows a store-scoped reader only the bookings at their stores' venues, never the mall's, across pages", async () => {
    const customerId = unique('c');
    const venues = [mall, storeB, mall, storeA, storeB, mall, mall, storeA];
    const made = [];
    for (const [index, venue] of venues.entries())
      made.push({ venue, view: await book(customerId, venue, at14(1, index), NOW) });
    const ofStoreA = made.filter(({ venue }) => venue === storeA).map(({ view }) => view.bookingId);

    const whole = await listMemberBookings(
      customerId,
      { when: 'upcoming', limit: 20 },
      new Set(['store-a']),
      NOW,
    );
    expect(whole.items.map((line) => line.bookingId)).toEqual(ofStoreA);
    // One at a time, pages read past the other venues' bookings: some come back empty, none lose one.
    const paged = await allPages(customerId, 'upcoming', 1, new Set(['store-a']));
    expect(paged.items.map((line) => line.bookingId)).toEqual(ofStoreA);
    const both = await allPages(customerId, 'upcoming', 2, new Set(['store-a', 'store-b']));
    expect(both.items.map((line) => line.venueId)).toEqual(
      venues.filter((venue) => venue !== mall).map((venue) => venue.id),
    );
    expect(
      (await listMemberBookings(customerId, { when: 'upcoming', limit: 20 }, new Set(), NOW)).items,
    ).toEqual([]);
  });
});

describe('GET /v1/admin/customers/{customerId}/bookings', () => {
  type Roles = Parameters<typeof staffCaller>[0];
  // One staff member per role set and stores (creating one hashes a password: slow).
  const callers = new Map<string, ReturnType<typeof staffCaller>>();
  const callerOf = (roles: Roles, storeIds: string[]) => {
    const key = JSON.stringify([roles, storeIds]);
    if (!callers.has(key)) callers.set(key, staffCaller(roles, storeIds));
    return callers.get(key)!;
  };
  const get = async (
    customerId: string,
    roles: Roles,
    storeIds: string[] = [],
    query: Record<string, string> = {},
  ) => {
    const response = await handler(
      {
        ...apiEvent({
          method: 'GET',
          path: `/v1/admin/customers/${customerId}/bookings`,
          authorizer: await callerOf(roles, storeIds),
        }),
        pathParameters: { customerId },
        queryStringParameters: Object.keys(query).length > 0 ? query : null,
      },
      lambdaContext(),
    );
    return {
      status: response.statusCode,
      body: JSON.parse(response.body || '{}') as { items: MemberBookingLine[]; code?: string },
    };
  };
  const auditActions = async (customerId: string) =>
    (
      await searchAuditEntries({
        target: `customer:${customerId}`,
        from: '2000-01-01T00:00:00.000Z',
        to: '2999-01-01T00:00:00.000Z',
        limit: 50,
      })
    ).items.map((entry) => entry.action);

  /** A member with a booking at each venue some hours ahead of the real clock (the handler's). */
  async function memberWithBookings() {
    const customerId = unique('c');
    const now = new Date();
    const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    const slot = (hours: number) => new Date(hour + hours * HOUR_MS).toISOString();
    const views = {
      mall: await book(customerId, mall, slot(3), now),
      storeA: await book(customerId, storeA, slot(4), now, { note: 'Birthday cake at 8' }),
      storeB: await book(customerId, storeB, slot(5), now),
    };
    return { customerId, views };
  }

  it('answers support every upcoming booking, without the note, and puts the read on record', async () => {
    const { customerId, views } = await memberWithBookings();
    const answer = await get(customerId, ['support']);
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((line) => line.bookingId)).toEqual([
      views.mall.bookingId,
      views.storeA.bookingId,
      views.storeB.bookingId,
    ]);
    expect(answer.body.items[1]).toMatchObject({ venueKind: 'restaurant', channel: 'member' });
    expect(answer.body.items[1]!.start).toMatch(/\+08:00$/);
    expect(JSON.stringify(answer.body)).not.toContain('Birthday cake');
    expect(await auditActions(customerId)).toEqual(['bookings.member-bookings.read']);
    expect((await get(customerId, ['support'], [], { when: 'past' })).body.items).toEqual([]);
  });

  it("limits a reader whose bookings:read is a store manager's to their stores' venues", async () => {
    const { customerId, views } = await memberWithBookings();
    const answer = await get(customerId, ['marketer', 'store_manager'], ['store-a']);
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((line) => line.bookingId)).toEqual([views.storeA.bookingId]);
  });

  it('refuses a reader without bookings:read or without customers:read, and malformed queries, unrecorded', async () => {
    const { customerId } = await memberWithBookings();
    expect(await get(customerId, ['marketer'])).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await get(customerId, ['store_manager'], ['store-a'])).toMatchObject({ status: 403 });
    expect(await get(customerId, ['analyst'])).toMatchObject({ status: 403 });
    expect(await get(customerId, ['support'], [], { when: 'tomorrow' })).toMatchObject({ status: 400 });
    expect(await get(customerId, ['support'], [], { limit: '0' })).toMatchObject({ status: 400 });
    expect(await get(customerId, ['support'], [], { cursor: 'not-a-cursor' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_CURSOR' },
    });
    expect(await auditActions(customerId)).toEqual([]);
  });
});
