import { Problem } from '../http/problem';

/**
 * The bookings service's refusals, one place for their codes (the front ends translate them:
 * web/shared/src/problems/messages.ts).
 */
export const bookingProblems = {
  venueExists: (venueId: string) => new Problem(409, 'VENUE_EXISTS', 'Conflict', `Venue ${venueId} exists.`),
  slotFull: () =>
    new Problem(
      409,
      'SLOT_FULL',
      'Conflict',
      'The slot has no room left for this party. Join its waitlist or pick another.',
    ),
  outsideBookingWindow: (detail: string) =>
    new Problem(422, 'OUTSIDE_BOOKING_WINDOW', 'Outside the booking window', detail),
  venueClosed: () => new Problem(422, 'VENUE_CLOSED', 'Venue closed', 'The venue is closed at that time.'),
  notASlot: (slotMinutes: number) =>
    new Problem(
      422,
      'NOT_A_SLOT',
      'Not a slot',
      `Bookings start at the start of a slot (every ${slotMinutes} minutes from opening).`,
    ),
  venueUnavailable: () =>
    new Problem(422, 'VENUE_UNAVAILABLE', 'Venue unavailable', 'The venue takes no bookings at the moment.'),
  partyTooLarge: (largest: number) =>
    new Problem(
      422,
      'PARTY_TOO_LARGE',
      'Party too large',
      `The venue seats at most ${largest} in one booking.`,
    ),
  resourceUnavailable: () =>
    new Problem(
      422,
      'RESOURCE_UNAVAILABLE',
      'Resource unavailable',
      'The resource asked for does not exist, takes no bookings, or does not seat the party.',
    ),
  suspended: (until: string) =>
    new Problem(
      403,
      'BOOKING_SUSPENDED',
      'Booking suspended',
      `Online booking at this venue is suspended until ${until} after missed bookings.`,
    ),
  duplicate: () =>
    new Problem(
      409,
      'DUPLICATE_BOOKING',
      'Conflict',
      'You already hold a booking at this venue at that time.',
    ),
  notChangeable: (status: string) =>
    new Problem(409, 'BOOKING_NOT_CHANGEABLE', 'Conflict', `A ${status} booking cannot be changed.`),
  offerLapsed: () =>
    new Problem(
      409,
      'OFFER_LAPSED',
      'Conflict',
      'The waitlist offer has lapsed; the room went to the next member.',
    ),
  checkInCodeInvalid: () =>
    new Problem(
      422,
      'CHECK_IN_CODE_INVALID',
      'Invalid check-in code',
      'The code is not a check-in code of this venue, or was altered.',
    ),
  checkInTooEarly: (opensAt: string) =>
    new Problem(422, 'CHECK_IN_TOO_EARLY', 'Too early to check in', `Check-in opens at ${opensAt}.`),
  checkInClosed: () =>
    new Problem(422, 'CHECK_IN_CLOSED', 'Check-in closed', 'The grace period after the start has passed.'),
  alreadyCheckedIn: () =>
    new Problem(409, 'ALREADY_CHECKED_IN', 'Conflict', 'This booking was checked in already.'),
  busy: () =>
    new Problem(409, 'BOOKING_BUSY', 'Conflict', 'Too many bookings of this slot at once; retry.', {
      headers: { 'retry-after': '1' },
    }),
  notStarted: () =>
    new Problem(
      422,
      'BOOKING_NOT_STARTED',
      'Booking not started',
      'A booking can be marked a no-show only once it has started.',
    ),
};
