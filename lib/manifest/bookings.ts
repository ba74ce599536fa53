import {
  cancelBookingRoute,
  cancelVenueBookingRoute,
  createBookingRoute,
  createWalkInBookingRoute,
  listMyBookingsRoute,
  rescheduleBookingRoute,
} from '../bookings/booking-routes';
import type { FunctionDeclaration } from './types';

/** Bookings taken, cancelled, moved and listed: each change one transaction on the slot's room. */
export const bookingFunctions = {
  createBooking: {
    service: 'bookings',
    handler: 'functions/bookings/create-booking.ts',
    description: 'Members book a slot of a venue, or join its waitlist',
    trigger: { kind: 'http', route: createBookingRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update', 'delete'] } },
      publishesEvents: true,
    },
  },
  createWalkInBooking: {
    service: 'bookings',
    handler: 'functions/bookings/create-walk-in-booking.ts',
    description: 'Staff enter walk-in bookings for members at their venues',
    trigger: { kind: 'http', route: createWalkInBookingRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update', 'delete'] } },
      publishesEvents: true,
      appendsAudit: true,
    },
  },
  cancelBooking: {
    service: 'bookings',
    handler: 'functions/bookings/cancel-booking.ts',
    description: 'Members cancel their bookings, waitlist places and offers',
    trigger: { kind: 'http', route: cancelBookingRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update', 'delete'] } },
      publishesEvents: true,
    },
  },
  cancelVenueBooking: {
    service: 'bookings',
    handler: 'functions/bookings/cancel-venue-booking.ts',
    description: 'Staff cancel bookings of their venues for members',
    trigger: { kind: 'http', route: cancelVenueBookingRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update', 'delete'] } },
      publishesEvents: true,
      appendsAudit: true,
    },
  },
  rescheduleBooking: {
    service: 'bookings',
    handler: 'functions/bookings/reschedule-booking.ts',
    description: 'Members move confirmed bookings to another slot',
    trigger: { kind: 'http', route: rescheduleBookingRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update', 'delete'] } },
      publishesEvents: true,
    },
  },
  listMyBookings: {
    service: 'bookings',
    handler: 'functions/bookings/list-my-bookings.ts',
    description: "A member's upcoming and past bookings",
    trigger: { kind: 'http', route: listMyBookingsRoute },
    access: { tables: { main: { reads: ['get', 'query'] } }, secrets: ['cursorKey'] },
  },
} as const satisfies Record<string, FunctionDeclaration>;
