import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { nextCursorSchema, paginationQuerySchema } from '../db/cursor';
import { problemResponse, staffRouteProblems } from '../http/problem';
import { defineRoute } from '../http/route';
import { memberBookingLineSchema, type MemberBookingLine } from './member-bookings';

const problem = problemResponse;

const lineExample: MemberBookingLine = {
  bookingId: '01JE0000000000000000000001',
  status: 'confirmed',
  venueId: 'demo-restaurant',
  venueName: 'Harbour Kitchen',
  venueKind: 'restaurant',
  start: '2026-12-12T19:00:00+08:00',
  end: '2026-12-12T20:30:00+08:00',
  partySize: 3,
  resourceId: 't4-window',
  channel: 'member',
  createdAt: '2026-12-06T09:00:00.000Z',
};

export const listMemberBookingsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/customers/{customerId}/bookings',
  auth: { kind: 'staff', permission: 'customers:read' },
  tag: 'bookings admin',
  summary:
    "A member's bookings for member 360: upcoming (soonest first) or past (newest first); each read is audited",
  description:
    'Member 360 (`customers:read`) shows bookings to staff who may also read bookings (`bookings:read`, 403 ' +
    'otherwise). The lists are those the member sees: `upcoming` the bookings held or waited for from now ' +
    'on (confirmed, offered, waitlisted); `past` every booking that started before now, whatever became of ' +
    "it. The member's note to the venue is not shown. Where `bookings:read` reaches only some stores (a " +
    "store manager's), only bookings at those stores' venues are listed, never the mall's own: a page may " +
    'then hold fewer than `limit`, even none, while `nextCursor` goes on. Every read is on record in the ' +
    'audit trail.',
  params: lazySchema(() => z.strictObject({ customerId: z.string().check(z.minLength(1), z.maxLength(64)) })),
  query: lazySchema(() =>
    z.extend(paginationQuerySchema, {
      when: z._default(z.enum(['upcoming', 'past']).check(z.describe('Which bookings')), 'upcoming'),
    }),
  ),
  responses: {
    200: {
      description: 'One page',
      schema: lazySchema(() =>
        z.object({ items: z.array(memberBookingLineSchema), nextCursor: nextCursorSchema }),
      ),
      example: { items: [lineExample], nextCursor: null },
    },
    400: problem('Bad when, limit or cursor'),
    ...staffRouteProblems,
    403: problem('FORBIDDEN: the route needs customers:read, and bookings:read to list bookings'),
  },
});
