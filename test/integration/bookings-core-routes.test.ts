// The booking routes' handlers against DynamoDB Local, at the real clock (slots are chosen relative to it):
// Idempotency-Key required and replayed, staff reach only their stores' venues, and staff actions are audited.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../lib/audit';
import { createBooking } from '../../lib/bookings/bookings';
import { WEEKDAYS, type Venue } from '../../lib/bookings/model';
import { localDayOf } from '../../lib/bookings/slots';
import { coversTaken, seedVenue } from '../support/bookings';
import { apiEvent, lambdaContext } from '../support/lambda';
import { acceptingEventBridge, seedProfile, unique } from '../support/members';
import { staffCaller } from '../support/staff';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

const HOUR_MS = 3_600_000;
const allDay = Object.fromEntries(
  WEEKDAYS.map((day) => [day, [{ open: '00:00', close: '00:00' }]]),
) as Venue['hours'];

type Response = { status: number; headers: Record<string, string>; body: Record<string, unknown> };

async function call(
  module: string,
  options: {
    method: string;
    path: string;
    authorizer: Record<string, unknown>;
    params?: Record<string, string>;
    body?: unknown;
    headers?: Record<string, string>;
    query?: Record<string, string>;
  },
): Promise<Response> {
  const { handler } = (await import(`../../functions/bookings/${module}.ts`)) as {
    handler: (
      event: unknown,
      context: unknown,
    ) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
  };
  const response = await handler(
    {
      ...apiEvent({
        method: options.method,
        path: options.path,
        authorizer: options.authorizer,
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      }),
      pathParameters: options.params ?? null,
      queryStringParameters: options.query ?? null,
    },
    lambdaContext(),
  );
  return {
    status: response.statusCode,
    headers: response.headers,
    body: (response.body ? JSON.parse(response.body) : undefined) as Record<string, unknown>,
  };
}

const member = (customerId: string) => ({ kind: 'customer', customerId, sessionId: unique('s') });
const auditActions = async (bookingId: string) =>
  (
    await searchAuditEntries({
      target: `booking:${bookingId}`,
      from: '2000-01-01T00:00:00Z',
      to: '2999-01-01T00:00:00Z',
      limit: 10,
    })
  ).items.map((entry) => entry.action);

let venue: Venue;
let mallVenue: Venue;
let manager: Record<string, string>;
let otherManager: Record<string, string>;
let admin: Record<string, string>;
beforeAll(async () => {
  venue = await seedVenue({ hours: allDay, storeId: 'store-a' });
  mallVenue = await seedVenue({ hours: allDay });
  [manager, otherManager, admin] = await Promise.all([
    staffCaller(['store_manager'], ['store-a']),
    staffCaller(['store_manager'], ['store-b']),
    staffCaller(['admin']),
  ]);
});

/** A slot some hours ahead of the real clock, in the venue's UTC form and with the +08:00 offset. */
const slotAhead = (hours: number) => {
  const start = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + hours * HOUR_MS);
  return { utc: start.toISOString(), day: localDayOf(start, 'Asia/Shanghai') };
};

describe('POST /v1/bookings', () => {
  it('requires an Idempotency-Key, and answers a replay with the first answer and the replay header', async () => {
    const customerId = unique('c');
    const slot = slotAhead(3);
    const request = {
      method: 'POST',
      path: '/v1/bookings',
      authorizer: member(customerId),
      body: { venueId: venue.id, start: slot.utc, partySize: 2 },
    };
    const refused = await call('create-booking', request);
    expect(refused.status).toBe(400);
    expect(await coversTaken(venue.id, slot.day, slot.utc)).toBe(0);
    const headers = { 'idempotency-key': unique('key') };
    const first = await call('create-booking', { ...request, headers });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'confirmed', venueId: venue.id, partySize: 2 });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await call('create-booking', { ...request, headers });
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(again.headers['idempotent-replayed']).toBe('true');
    const reused = await call('create-booking', {
      ...request,
      headers,
      body: { ...request.body, partySize: 3 },
    });
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await coversTaken(venue.id, slot.day, slot.utc)).toBe(2);

    const listed = await call('list-my-bookings', {
      method: 'GET',
      path: '/v1/bookings/me',
      authorizer: member(customerId),
      query: { when: 'upcoming' },
    });
    expect(listed.body).toEqual({ items: [first.body], nextCursor: null });

    const stranger = await call('cancel-booking', {
      method: 'POST',
      path: `/v1/bookings/${String(first.body.bookingId)}/cancel`,
      authorizer: member(unique('c')),
      params: { bookingId: String(first.body.bookingId) },
    });
    expect(stranger.status).toBe(404);
    expect(await coversTaken(venue.id, slot.day, slot.utc)).toBe(2);
  });
});

describe('POST /v1/admin/venues/{venueId}/bookings', () => {
  const walkIn = (authorizer: Record<string, string>, customerId: string, start: string) =>
    call('create-walk-in-booking', {
      method: 'POST',
      path: `/v1/admin/venues/${venue.id}/bookings`,
      authorizer,
      params: { venueId: venue.id },
      headers: { 'idempotency-key': unique('key') },
      body: { customerId, start, partySize: 2 },
    });

  it("books the slot under way for a member at the manager's store, audited; others' stores are refused", async () => {
    const customerId = unique('c');
    await seedProfile(customerId);
    const underWay = slotAhead(0);
    expect((await walkIn(otherManager, customerId, underWay.utc)).status).toBe(403);
    expect((await walkIn(manager, unique('c'), underWay.utc)).status).toBe(404);
    expect(await coversTaken(venue.id, underWay.day, underWay.utc)).toBe(0);
    const booked = await walkIn(manager, customerId, underWay.utc);
    expect(booked).toMatchObject({ status: 201, body: { status: 'confirmed', partySize: 2 } });
    expect(await coversTaken(venue.id, underWay.day, underWay.utc)).toBe(2);
    expect(await auditActions(String(booked.body.bookingId))).toEqual(['booking.walk-in']);
    const confirmed = eventBridge.published().find((event) => event.type === 'BookingConfirmed');
    expect(confirmed?.data).toMatchObject({ channel: 'staff', customerId, storeId: 'store-a' });
  });
});

describe('POST /v1/admin/venues/{venueId}/bookings/{bookingId}/cancel', () => {
  const staffCancel = (authorizer: Record<string, string>, at: Venue, bookingId: string) =>
    call('cancel-venue-booking', {
      method: 'POST',
      path: `/v1/admin/venues/${at.id}/bookings/${bookingId}/cancel`,
      authorizer,
      params: { venueId: at.id, bookingId },
    });

  it("cancels for the venue's staff, never late, audited each time; the mall's venues only for unscoped roles", async () => {
    const slot = slotAhead(1);
    const book = (at: Venue) =>
      createBooking({
        customerId: unique('c'),
        venueId: at.id,
        start: slot.utc,
        partySize: 3,
        channel: 'member',
        idempotencyKey: unique('key'),
        correlationId: 'corr',
      });
    const { view } = await book(venue);
    expect((await staffCancel(otherManager, venue, view.bookingId)).status).toBe(403);
    expect((await staffCancel(manager, mallVenue, view.bookingId)).status).toBe(404);
    const cancelled = await staffCancel(manager, venue, view.bookingId);
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', late: false } });
    expect(await staffCancel(manager, venue, view.bookingId)).toMatchObject({
      status: 200,
      body: cancelled.body,
    });
    expect(await auditActions(view.bookingId)).toEqual(['booking.cancel', 'booking.cancel']);
    expect(await coversTaken(venue.id, slot.day, slot.utc)).toBe(0);

    const atMall = await book(mallVenue);
    expect((await staffCancel(manager, mallVenue, atMall.view.bookingId)).status).toBe(403);
    expect((await staffCancel(admin, mallVenue, atMall.view.bookingId)).status).toBe(200);
  });
});
