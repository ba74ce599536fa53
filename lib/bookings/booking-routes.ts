import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { nextCursorSchema, paginationQuerySchema } from '../db/cursor';
import { IDEMPOTENCY_KEY_HEADER } from '../http/idempotency-key';
import { momentSchema } from '../http/moment';
import { notSignedIn, problemResponse, staffRouteProblems } from '../http/problem';
import { defineRoute } from '../http/route';
import { bookingViewSchema, type BookingView } from './views';

const problem = problemResponse;

const idSchema = () => z.string().check(z.minLength(1), z.maxLength(64));
const bookingParams = lazySchema(() => z.strictObject({ bookingId: idSchema() }));
const venueParams = lazySchema(() => z.strictObject({ venueId: idSchema() }));
const venueBookingParams = lazySchema(() => z.strictObject({ venueId: idSchema(), bookingId: idSchema() }));

const bookingFields = () => ({
  start: momentSchema.check(
    z.describe("The slot's start, ISO 8601 with Z or an offset (2026-12-12T14:00:00+08:00)"),
  ),
  partySize: z.int().check(z.gte(1), z.lte(100), z.describe('Covers, or people at the table')),
  resourceId: z.optional(
    idSchema().check(
      z.describe(
        'A resource (a table, a stylist) asked for by name; otherwise the smallest free one that fits',
      ),
    ),
  ),
  note: z.optional(z.string().check(z.trim(), z.maxLength(280), z.describe('For the venue'))),
});

const confirmedExample: BookingView = {
  bookingId: '01JE0000000000000000000001',
  status: 'confirmed',
  venueId: 'demo-restaurant',
  venueName: 'Harbour Kitchen',
  start: '2026-12-12T19:00:00+08:00',
  end: '2026-12-12T20:30:00+08:00',
  partySize: 3,
  resourceId: 't4-window',
  createdAt: '2026-12-06T09:00:00.000Z',
};

const bookingProblemsOfNew = {
  404: problem('No such venue'),
  409: problem('SLOT_FULL (no room, and no waitlist asked for) or DUPLICATE_BOOKING'),
  422: problem(
    'VENUE_UNAVAILABLE, VENUE_CLOSED, NOT_A_SLOT, OUTSIDE_BOOKING_WINDOW (notice or advance), PARTY_TOO_LARGE, RESOURCE_UNAVAILABLE or IDEMPOTENCY_KEY_REUSED',
  ),
};

export const createBookingRoute = defineRoute({
  method: 'POST',
  path: '/v1/bookings',
  auth: { kind: 'customer' },
  tag: 'bookings',
  summary: 'Book a slot of a venue, or join its waitlist when it is full',
  description:
    'Pool venues take the party from the covers of the slot; resource venues give it the smallest free resource ' +
    'that seats it, or the one asked for. A full slot is 409 SLOT_FULL, unless `waitlist` is true: then the ' +
    'booking waits, `status: "waitlisted"` with its `position`, and is offered the room when it frees up.',
  headers: [IDEMPOTENCY_KEY_HEADER],
  body: lazySchema(() =>
    z.strictObject({
      venueId: idSchema().check(z.describe('The venue to book')),
      ...bookingFields(),
      waitlist: z.optional(z.boolean().check(z.describe('Wait for room when the slot is full'))),
    }),
  ),
  bodyExample: { venueId: 'demo-restaurant', start: '2026-12-12T19:00:00+08:00', partySize: 3 },
  responses: {
    201: {
      description:
        'Booked, or waitlisted (a replay of the same Idempotency-Key answers the first result, with the idempotent-replayed header)',
      schema: bookingViewSchema,
      example: confirmedExample,
    },
    400: problem('Missing Idempotency-Key or malformed body'),
    401: notSignedIn,
    403: problem('BOOKING_SUSPENDED: online booking at the venue is suspended after no-shows'),
    ...bookingProblemsOfNew,
  },
});

export const createWalkInBookingRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/venues/{venueId}/bookings',
  auth: { kind: 'staff', permission: 'bookings:write' },
  tag: 'bookings admin',
  summary: 'Enter a walk-in booking for a member at the venue',
  description:
    'The rules of a member booking, except that a walk-in starts now (no minimum notice; the slot under way may ' +
    "be taken until it ends) and the member's suspension does not apply. Audited.",
  headers: [IDEMPOTENCY_KEY_HEADER],
  params: venueParams,
  body: lazySchema(() => z.strictObject({ customerId: idSchema(), ...bookingFields() })),
  bodyExample: { customerId: '01JD0000000000000000000000', start: '2026-12-06T19:00:00+08:00', partySize: 2 },
  responses: {
    201: {
      description: 'Booked (a replay of the same Idempotency-Key answers the first result)',
      schema: bookingViewSchema,
      example: { ...confirmedExample, start: '2026-12-06T19:00:00+08:00', end: '2026-12-06T20:30:00+08:00' },
    },
    400: problem('Missing Idempotency-Key or malformed body'),
    ...staffRouteProblems,
    404: problem('No such venue or member'),
    409: bookingProblemsOfNew[409],
    422: bookingProblemsOfNew[422],
  },
});

const cancelledExample: BookingView = { ...confirmedExample, status: 'cancelled', late: false };

export const cancelBookingRoute = defineRoute({
  method: 'POST',
  path: '/v1/bookings/{bookingId}/cancel',
  auth: { kind: 'customer' },
  tag: 'bookings',
  summary: 'Cancel a booking, a waitlist place or an offer before its start',
  description:
    "`late` is true inside the venue's free-cancellation period (it counts half a strike). Cancelling a " +
    'cancelled booking again answers the same.',
  params: bookingParams,
  responses: {
    200: { description: 'Cancelled', schema: bookingViewSchema, example: cancelledExample },
    401: notSignedIn,
    404: problem('No such booking of yours'),
    409: problem('BOOKING_NOT_CHANGEABLE: started, attended, a no-show or a lapsed offer'),
  },
});

export const cancelVenueBookingRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/venues/{venueId}/bookings/{bookingId}/cancel',
  auth: { kind: 'staff', permission: 'bookings:write' },
  tag: 'bookings admin',
  summary: 'Cancel a booking of the venue for its member (never late: no strike); audited',
  params: venueBookingParams,
  responses: {
    200: { description: 'Cancelled', schema: bookingViewSchema, example: cancelledExample },
    ...staffRouteProblems,
    404: problem('No such venue, or no such booking at it'),
    409: problem('BOOKING_NOT_CHANGEABLE: started, attended, a no-show or a lapsed offer'),
  },
});

export const rescheduleBookingRoute = defineRoute({
  method: 'POST',
  path: '/v1/bookings/{bookingId}/reschedule',
  auth: { kind: 'customer' },
  tag: 'bookings',
  summary: 'Move a confirmed booking to another slot of its venue, atomically',
  description:
    'The new slot passes the checks of a new booking; it is taken and the old one freed in one transaction, or ' +
    'nothing changes. A booking on a resource asked for keeps that resource; others take the smallest free one ' +
    'that fits. The current start again changes nothing.',
  headers: [IDEMPOTENCY_KEY_HEADER],
  params: bookingParams,
  body: lazySchema(() => z.strictObject({ start: bookingFields().start })),
  bodyExample: { start: '2026-12-13T19:00:00+08:00' },
  responses: {
    200: {
      description: 'Moved (a replay of the same Idempotency-Key answers the first result)',
      schema: bookingViewSchema,
      example: { ...confirmedExample, start: '2026-12-13T19:00:00+08:00', end: '2026-12-13T20:30:00+08:00' },
    },
    400: problem('Missing Idempotency-Key or malformed body'),
    401: notSignedIn,
    403: problem('BOOKING_SUSPENDED'),
    404: problem('No such booking of yours'),
    409: problem('SLOT_FULL, DUPLICATE_BOOKING, or BOOKING_NOT_CHANGEABLE (not confirmed, or started)'),
    422: problem(
      'VENUE_UNAVAILABLE, VENUE_CLOSED, NOT_A_SLOT, OUTSIDE_BOOKING_WINDOW, RESOURCE_UNAVAILABLE or IDEMPOTENCY_KEY_REUSED',
    ),
  },
});

export const listMyBookingsRoute = defineRoute({
  method: 'GET',
  path: '/v1/bookings/me',
  auth: { kind: 'customer' },
  tag: 'bookings',
  summary: "The member's bookings: upcoming (soonest first) or past (newest first)",
  description:
    '`upcoming` lists the bookings held or waited for from now on (confirmed, offered, waitlisted with its ' +
    'position, or attended: checked in before the start); `past` every booking that started before now, ' +
    'whatever became of it.',
  query: lazySchema(() =>
    z.extend(paginationQuerySchema, {
      when: z._default(z.enum(['upcoming', 'past']).check(z.describe('Which bookings')), 'upcoming'),
    }),
  ),
  responses: {
    200: {
      description: 'One page',
      schema: lazySchema(() => z.object({ items: z.array(bookingViewSchema), nextCursor: nextCursorSchema })),
      example: { items: [confirmedExample], nextCursor: null },
    },
    400: problem('Bad limit or cursor'),
    401: notSignedIn,
  },
});
