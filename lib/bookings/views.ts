import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { BOOKING_STATUSES, type Booking, type Venue } from './model';
import { isoWithOffset } from './slots';

/** A booking as the API shows it to its member and to staff: times with the venue's offset. */
export const bookingViewSchema = lazySchema(() =>
  z.strictObject({
    bookingId: z.string().check(z.describe('The booking, for cancelling, moving and checking in')),
    status: z
      .enum(BOOKING_STATUSES)
      .check(
        z.describe(
          'confirmed (room held), waitlisted, offered (room held until offerExpiresAt), cancelled, attended, no-show or offer-lapsed',
        ),
      ),
    venueId: z.string().check(z.describe('The venue booked')),
    venueName: z.optional(z.string().check(z.describe("The venue's name, where the list shows it"))),
    start: z
      .string()
      .check(z.describe('The slot start, ISO 8601 with the venue offset (2026-12-12T14:00:00+08:00)')),
    end: z.string().check(z.describe('The slot end, ISO 8601 with the venue offset')),
    partySize: z.int().check(z.describe('Covers, or people at the table')),
    resourceId: z.optional(
      z.string().check(z.describe('The resource held (a table, a stylist), in resources mode')),
    ),
    note: z.optional(z.string().check(z.describe("The member's note for the venue"))),
    /** For a waitlisted booking: its place in the slot's waitlist, 1 first. */
    position: z.optional(
      z.int().check(z.describe("A waitlisted booking's place in the slot's waitlist, 1 first")),
    ),
    offerExpiresAt: z.optional(
      z.string().check(z.describe('Until when an offer holds its room, with the venue offset')),
    ),
    late: z.optional(
      z
        .boolean()
        .check(z.describe("A cancellation inside the venue's free-cancellation period (half a strike)")),
    ),
    createdAt: z.string(),
  }),
);
export type BookingView = z.infer<typeof bookingViewSchema>;

export function toBookingView(
  booking: Booking,
  venue: Pick<Venue, 'timeZone' | 'name'> | undefined,
  extra: { position?: number } = {},
): BookingView {
  const timeZone = venue?.timeZone ?? 'Asia/Shanghai';
  const at = (iso: string) => isoWithOffset(new Date(iso), timeZone);
  return {
    bookingId: booking.bookingId,
    status: booking.status,
    venueId: booking.venueId,
    ...(venue ? { venueName: venue.name } : {}),
    start: at(booking.start),
    end: at(booking.end),
    partySize: booking.partySize,
    ...(booking.resourceId ? { resourceId: booking.resourceId } : {}),
    ...(booking.note ? { note: booking.note } : {}),
    ...(extra.position !== undefined ? { position: extra.position } : {}),
    ...(booking.offerExpiresAt ? { offerExpiresAt: at(booking.offerExpiresAt) } : {}),
    ...(booking.lateCancellation !== undefined ? { late: booking.lateCancellation } : {}),
    createdAt: booking.createdAt,
  };
}

/** What every booking event says about the booking (events/bookings.ts). */
export const bookingFacts = (booking: Booking, venue: Pick<Venue, 'kind' | 'storeId'>) => ({
  bookingId: booking.bookingId,
  customerId: booking.customerId,
  venueId: booking.venueId,
  venueKind: venue.kind,
  ...(venue.storeId ? { storeId: venue.storeId } : {}),
  start: booking.start,
  end: booking.end,
  partySize: booking.partySize,
  ...(booking.resourceId ? { resourceId: booking.resourceId } : {}),
});
