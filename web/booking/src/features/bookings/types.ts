/** A booking as the API shows it to its member (lib/bookings/views.ts: bookingViewSchema). */
export const BOOKING_STATUSES = [
  'confirmed',
  'waitlisted',
  'offered',
  'cancelled',
  'attended',
  'no-show',
  'offer-lapsed',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface BookingView {
  bookingId: string;
  status: BookingStatus;
  venueId: string;
  venueName?: string;
  /** ISO 8601 with the venue's offset. */
  start: string;
  end: string;
  partySize: number;
  resourceId?: string;
  note?: string;
  position?: number;
  offerExpiresAt?: string;
  late?: boolean;
  createdAt: string;
}

/** Upcoming: not over yet and still on (confirmed, waitlisted or offered); everything else is past. */
export function splitBookings(bookings: BookingView[], now: Date) {
  const live = new Set<BookingStatus>(['confirmed', 'waitlisted', 'offered']);
  const upcoming = bookings
    .filter((booking) => live.has(booking.status) && Date.parse(booking.end) > now.getTime())
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const past = bookings
    .filter((booking) => !upcoming.includes(booking))
    .sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  return { upcoming, past };
}
