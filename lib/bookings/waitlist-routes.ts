import * as z from '../zod';
import { defineRoute } from '../http/route';
import { notSignedIn, problemResponse } from '../http/problem';
import { lazySchema } from '../lazy-schema';
import { bookingViewSchema } from './views';

/** Waitlist offers as the member takes them. */

export const confirmOfferRoute = defineRoute({
  method: 'POST',
  path: '/v1/bookings/{bookingId}/confirm',
  auth: { kind: 'customer' },
  tag: 'bookings',
  summary: 'Take a waitlist offer: the room held for the member becomes their confirmed booking',
  description:
    'An offer holds the freed room for 15 minutes (until the start at most). Confirming twice answers the confirmed booking again. A member who meanwhile holds another booking in the same slot gets DUPLICATE_BOOKING and the offer stays open until it lapses.',
  params: lazySchema(() => z.strictObject({ bookingId: z.string().check(z.minLength(1), z.maxLength(64)) })),
  responses: {
    200: {
      description: 'The booking, confirmed',
      schema: bookingViewSchema,
      example: {
        bookingId: '01JE0000000000000000000001',
        status: 'confirmed',
        venueId: 'demo-workshop',
        venueName: 'Weekend pottery workshop',
        start: '2026-12-12T14:00:00+08:00',
        end: '2026-12-12T15:00:00+08:00',
        partySize: 2,
        createdAt: '2026-12-06T09:00:00.000Z',
      },
    },
    401: notSignedIn,
    404: problemResponse('No such booking of the member'),
    409: problemResponse(
      'OFFER_LAPSED (the offer expired and passed on), BOOKING_NOT_CHANGEABLE (nothing offered) or DUPLICATE_BOOKING',
    ),
  },
});
