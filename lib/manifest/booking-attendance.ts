import {
  checkInBookingRoute,
  getCheckInCodeRoute,
  getVenueDayRoute,
  markBookingAttendedRoute,
  markBookingNoShowRoute,
} from '../bookings/attendance-routes';
import type { FunctionDeclaration } from './types';

/** Bookings' attendance: check-in codes and scans, check-in and no-show by hand, the no-show sweep, strikes, the day view. */
export const bookingAttendanceFunctions = {
  getCheckInCode: {
    service: 'bookings',
    handler: 'functions/bookings/get-check-in-code.ts',
    description: "A member's signed, short-lived check-in code for the QR",
    trigger: { kind: 'http', route: getCheckInCodeRoute },
    access: { tables: { main: { reads: ['get'] } }, secrets: ['cursorKey'] },
  },
  checkInBooking: {
    service: 'bookings',
    handler: 'functions/bookings/check-in-booking.ts',
    description: "A venue's staff check a member in by the scanned code",
    trigger: { kind: 'http', route: checkInBookingRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put', 'update'] } },
      appendsAudit: true,
      publishesEvents: true,
      secrets: ['cursorKey'],
    },
  },
  markBookingAttended: {
    service: 'bookings',
    handler: 'functions/bookings/mark-booking-attended.ts',
    description: 'Staff check a member in by hand from the day view',
    trigger: { kind: 'http', route: markBookingAttendedRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put', 'update'] } },
      appendsAudit: true,
      publishesEvents: true,
    },
  },
  markBookingNoShow: {
    service: 'bookings',
    handler: 'functions/bookings/mark-booking-no-show.ts',
    description: 'Staff mark a started booking a no-show',
    trigger: { kind: 'http', route: markBookingNoShowRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put', 'update'] } },
      appendsAudit: true,
      publishesEvents: true,
    },
  },
  markNoShows: {
    service: 'bookings',
    handler: 'functions/bookings/mark-no-shows.ts',
    description: 'Marks confirmed bookings past their grace period no-shows',
    trigger: {
      kind: 'schedule',
      expression: 'rate(5 minutes)',
      description: 'Bookings not checked in by start plus grace become no-shows',
    },
    access: {
      tables: { main: { reads: ['batchGet', 'query'], writes: ['update'] } },
      publishesEvents: true,
    },
    // At most 5,000 bookings a run (MAX_BOOKINGS_PER_SWEEP): 50 BatchGets and the updates of those due.
    timeoutSeconds: 300,
  },
  recordBookingStrike: {
    service: 'bookings',
    handler: 'functions/bookings/record-booking-strike.ts',
    description:
      'A no-show or late cancellation strikes the member at the venue; enough strikes suspend booking',
    trigger: { kind: 'event', events: ['BookingNoShow', 'BookingCancelled'] },
    access: {
      tables: {
        main: { reads: ['get'], writes: ['put'] },
        idempotency: { reads: ['get'], writes: ['put', 'update', 'delete'] },
      },
    },
  },
  getVenueDay: {
    service: 'bookings',
    handler: 'functions/bookings/get-venue-day.ts',
    description: "Staff view of a venue's day: slots, bookings, waitlists",
    trigger: { kind: 'http', route: getVenueDayRoute },
    access: { tables: { main: { reads: ['get', 'batchGet', 'query'] } } },
  },
} as const satisfies Record<string, FunctionDeclaration>;
