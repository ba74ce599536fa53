import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { notSignedIn, problemResponse, staffRouteProblems } from '../http/problem';
import { defineRoute } from '../http/route';
import { MAX_CODE_LENGTH } from './check-in';
import { venueDayViewSchema, type VenueDayView } from './day-view';

/** The routes of attendance: the member's check-in code, the venue's scan, check-in and no-show by hand, the day view. */

const problem = problemResponse;
const bookingId = () => z.string().check(z.minLength(1), z.maxLength(64));
const venueId = () =>
  z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1–40 lower-case letters, digits and -'));

const bookingParams = lazySchema(() => z.strictObject({ bookingId: bookingId() }));
const venueParams = lazySchema(() => z.strictObject({ venueId: venueId() }));
const venueBookingParams = lazySchema(() => z.strictObject({ venueId: venueId(), bookingId: bookingId() }));

const exampleBookingId = '01JE0000000000000000000001';

export const getCheckInCodeRoute = defineRoute({
  method: 'GET',
  path: '/v1/bookings/{bookingId}/check-in-code',
  auth: { kind: 'customer' },
  tag: 'bookings',
  summary: "A short-lived signed code of the member's confirmed booking, shown as a QR at the venue",
  description:
    'The code lives five minutes (`expiresAt`): the app fetches a fresh one while it shows the QR, so a ' +
    'screenshot passed on later is useless. The venue accepts it from `validFrom` (30 minutes before the ' +
    'start) until `validUntil` (the start plus the venue grace period), once.',
  params: bookingParams,
  responses: {
    200: {
      description: 'The code and its validity',
      schema: lazySchema(() =>
        z.strictObject({
          code: z.string().check(z.describe('Render it as a QR code as it is')),
          expiresAt: z.string().check(z.describe('When this code stops working; fetch a new one before')),
          validFrom: z.string().check(z.describe('Check-in opens: 30 minutes before the start')),
          validUntil: z.string().check(z.describe('Check-in closes: the start plus the grace period')),
        }),
      ),
      example: {
        code: 'eyJiIjoiMDFKRTAwMDAwMDAwMDAwMDAwMDAwMDAwMDEiLCJ2IjoiZGVtby13b3Jrc2hvcCIsImUiOjE3OTc2NTE5MDB9.oM2xT9bK1nq3LwE4yV8pGg',
        expiresAt: '2026-12-12T13:55:00+08:00',
        validFrom: '2026-12-12T13:30:00+08:00',
        validUntil: '2026-12-12T14:15:00+08:00',
      },
    },
    401: notSignedIn,
    404: problem('No such booking of yours'),
    409: problem(
      'BOOKING_NOT_CHANGEABLE: the booking is not confirmed (cancelled, attended, no-show, waitlisted)',
    ),
    422: problem('CHECK_IN_CLOSED: the grace period after the start has passed'),
  },
});

const checkedInSchema = lazySchema(() =>
  z.strictObject({
    bookingId: z.string().check(z.describe('The booking checked in')),
    status: z.literal('attended'),
  }),
);
const checkedInExample = { bookingId: exampleBookingId, status: 'attended' as const };

export const checkInBookingRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/venues/{venueId}/check-ins',
  auth: { kind: 'staff', permission: 'bookings:write' },
  tag: 'bookings admin',
  summary: "Check a member in by the code their app shows (the venue's QR scanner posts it)",
  description:
    'A code is accepted from 30 minutes before the start until the start plus the venue grace period, once, ' +
    'and only at its own venue (another venue code is `CHECK_IN_CODE_INVALID`, like an altered one). Two ' +
    'scans at once check in once: the other answers 409 `ALREADY_CHECKED_IN`.',
  params: venueParams,
  body: lazySchema(() =>
    z.strictObject({ code: z.string().check(z.minLength(1), z.maxLength(MAX_CODE_LENGTH)) }),
  ),
  bodyExample: {
    code: 'eyJiIjoiMDFKRTAwMDAwMDAwMDAwMDAwMDAwMDAwMDEiLCJ2IjoiZGVtby13b3Jrc2hvcCIsImUiOjE3OTc2NTE5MDB9.oM2xT9bK1nq3LwE4yV8pGg',
  },
  responses: {
    200: { description: 'Checked in', schema: checkedInSchema, example: checkedInExample },
    400: problem('Malformed body'),
    404: problem('No such venue'),
    409: problem(
      'ALREADY_CHECKED_IN, or BOOKING_NOT_CHANGEABLE: the booking was cancelled or marked a no-show',
    ),
    422: problem(
      'CHECK_IN_CODE_INVALID (altered, expired: refresh it in the app, or of another venue), CHECK_IN_TOO_EARLY or CHECK_IN_CLOSED',
    ),
    ...staffRouteProblems,
  },
});

export const markBookingAttendedRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/venues/{venueId}/bookings/{bookingId}/attended',
  auth: { kind: 'staff', permission: 'bookings:write' },
  tag: 'bookings admin',
  summary: 'Check a member in by hand from the day view (no code at hand)',
  description: 'The same window and once-only rule as a scanned code.',
  params: venueBookingParams,
  responses: {
    200: { description: 'Checked in', schema: checkedInSchema, example: checkedInExample },
    404: problem('No such venue, or no such booking at it'),
    409: problem('ALREADY_CHECKED_IN or BOOKING_NOT_CHANGEABLE'),
    422: problem('CHECK_IN_TOO_EARLY or CHECK_IN_CLOSED'),
    ...staffRouteProblems,
  },
});

export const markBookingNoShowRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/venues/{venueId}/bookings/{bookingId}/no-show',
  auth: { kind: 'staff', permission: 'bookings:write' },
  tag: 'bookings admin',
  summary: 'Mark a confirmed booking a no-show once it has started; it counts a strike',
  description:
    'The schedule marks every booking not checked in by the end of the grace period; staff may do it earlier. ' +
    'Marking a no-show again answers the same.',
  params: venueBookingParams,
  responses: {
    200: {
      description: 'Marked',
      schema: lazySchema(() =>
        z.strictObject({
          bookingId: z.string().check(z.describe('The booking marked')),
          status: z.literal('no-show'),
        }),
      ),
      example: { bookingId: exampleBookingId, status: 'no-show' },
    },
    404: problem('No such venue, or no such booking at it'),
    409: problem('BOOKING_NOT_CHANGEABLE: attended, cancelled or not a confirmed booking'),
    422: problem('BOOKING_NOT_STARTED'),
    ...staffRouteProblems,
  },
});

const dayExample: VenueDayView = {
  venueId: 'demo-workshop',
  date: '2026-12-12',
  slots: [
    {
      start: '2026-12-12T14:00:00+08:00',
      end: '2026-12-12T15:00:00+08:00',
      capacity: { mode: 'pool', taken: 10, covers: 10 },
      bookings: [
        {
          bookingId: exampleBookingId,
          status: 'attended',
          member: { customerId: '01JD0000000000000000000000', name: '王**' },
          partySize: 2,
          channel: 'member',
          attendedAt: '2026-12-12T13:52:10+08:00',
        },
      ],
      waitlist: [
        {
          bookingId: '01JE0000000000000000000009',
          status: 'waitlisted',
          member: { customerId: '01JD0000000000000000000007' },
          partySize: 3,
          position: 1,
        },
      ],
    },
  ],
};

export const getVenueDayRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/venues/{venueId}/day',
  auth: { kind: 'staff', permission: 'bookings:read' },
  tag: 'bookings admin',
  summary: "A venue's day: each slot's occupancy, bookings and waitlist",
  description:
    'Members are shown by id and a masked name (the first character) whatever the role: the day view is ' +
    'for the desk, member 360 is where `customers:pii` shows more.',
  params: venueParams,
  query: lazySchema(() =>
    z.strictObject({
      date: z
        .string()
        .check(
          z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD'),
          z.describe('The local date at the venue'),
        ),
    }),
  ),
  responses: {
    200: { description: 'The day', schema: venueDayViewSchema, example: dayExample },
    400: problem('Missing or invalid date'),
    404: problem('No such venue'),
    ...staffRouteProblems,
  },
});
