import { eventHandler } from '../../lib/events/consumer';
import { tellOfBookingChange } from '../../lib/notifications/booking-notices';
import { syncBookingReminders } from '../../lib/notifications/booking-reminders';
import { logger } from '../../lib/observability';

/**
 * Keeps members posted on their bookings: the 24-hour and 2-hour reminder schedules in step with the
 * booking's record on every change, and a word by WeChat and inbox of a confirmation, a waitlist offer held
 * for them, or a venue's cancellation.
 */
export const handler = eventHandler(
  {
    event: ['BookingConfirmed', 'BookingCancelled', 'BookingRescheduled', 'WaitlistOffered'],
    consumer: 'bookings.notifyOfBookings',
  },
  async (event) => {
    const { name, data, metadata } = event;
    if (name !== 'WaitlistOffered') {
      const plan = await syncBookingReminders(data.bookingId, { correlationId: metadata.correlationId });
      logger.info('booking reminders in step', {
        event: name,
        bookingId: data.bookingId,
        reminders: Object.entries(plan).map(([reminder, at]) => `${reminder}:${at?.toISOString() ?? 'none'}`),
      });
    }
    if (name !== 'BookingRescheduled') {
      const told = await tellOfBookingChange(event);
      logger.info('booking change told', { event: name, bookingId: data.bookingId, outcome: told });
    }
  },
);
