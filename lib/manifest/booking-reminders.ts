import type { FunctionDeclaration } from './types';

/**
 * Booking reminders: one-time schedules 24 hours and 2 hours before each confirmed booking, kept in step with
 * the booking (lib/notifications/booking-reminders.ts), and the reminder they fire.
 */
export const bookingReminderFunctions = {
  notifyOfBookings: {
    service: 'bookings',
    handler: 'functions/bookings/notify-of-bookings.ts',
    description:
      "Keeps a booking's reminder schedules in step with it, and tells members of confirmations, waitlist offers and venues' cancellations",
    trigger: {
      kind: 'event',
      events: ['BookingConfirmed', 'BookingCancelled', 'BookingRescheduled', 'WaitlistOffered'],
    },
    access: {
      tables: {
        main: { reads: ['get', 'query'], writes: ['put', 'update'] },
        idempotency: { reads: ['get'], writes: ['put', 'update', 'delete'] },
      },
      oneTimeSchedules: ['remindBooking'],
      secrets: ['wechatApp'],
    },
    timeoutSeconds: 15,
  },
  remindBooking: {
    service: 'bookings',
    handler: 'functions/bookings/remind-booking.ts',
    description: 'Reminds a member of a confirmed booking by WeChat and inbox, 24 hours and 2 hours ahead',
    trigger: { kind: 'oneTime', description: 'A booking reminder, scheduled by notifyOfBookings' },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update'] } },
      secrets: ['wechatApp'],
    },
    timeoutSeconds: 15,
  },
} as const satisfies Record<string, FunctionDeclaration>;
