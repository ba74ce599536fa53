import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { BOOKING_STATUSES, type Booking, type Venue } from './model';
import { isoWithOffset } from './slots';

/** A booking as the API shows it to its member and to staff: times with the venue's offset. */
export const bookingViewSchema = lazySchema(() =>
  z.strictObject({
    bookingId: z.string().check(z.describe('The booking, or waitlist place, id')),
    status: z
      .enum(BOOKING_STATUSES)
      .check(
        z.describe(
          'confirmed (holds its room), waitlisted, offered (room held until offerExpiresAt), cancelled, attended, no-show or offer-lapsed',
        ),
      ),
    venueId: z.string().check(z.describe('The venue booked')),
    venueName: z.optional(z.string().check(z.describe("The venue's name, for lists"))),
    start: z
      .string()
      .check(z.describe('The slot start, ISO 8601 with the venue offset (2026-12-12T14:00:00+08:00)')),
    end: z.string().check(z.describe('The slot end, ISO 8601 with the venue offset')),
    partySize: z.int().check(z.describe('Covers or seats the booking takes')),
    resourceId: z.optional(
      z.string().check(z.describe('The table, stylist or room held (resources venues)')),
    ),
    note: z.optional(z.string().check(z.describe("The member's note to the venue"))),
    /** For a waitlisted booking: its place in the slot's waitlist, 1 first. */
    position: z.optional(
      z.int().check(z.describe("A waitlisted booking's place in the slot's waitlist, 1 first")),
    ),
    offerExpiresAt: z.optional(
      z.string().check(z.describe('An offered booking holds its room until then (venue offset)')),
    ),
    late: z.optional(z.boolean().check(z.describe('A cancellation inside the free-cancellation period'))),
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
