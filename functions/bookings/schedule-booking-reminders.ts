import { eventHandler } from '../../lib/events/consumer';
import { syncBookingReminders } from '../../lib/notifications/booking-reminders';
import { logger } from '../../lib/observability';

/** Keeps a booking's 24-hour and 2-hour reminder schedules in step with its record on every change. */
export const handler = eventHandler(
  {
    event: ['BookingConfirmed', 'BookingCancelled', 'BookingRescheduled'],
    consumer: 'bookings.scheduleBookingReminders',
  },
  async ({ name, data, metadata }) => {
    const plan = await syncBookingReminders(data.bookingId, { correlationId: metadata.correlationId });
    logger.info('booking reminders in step', {
      event: name,
      bookingId: data.bookingId,
      reminders: Object.entries(plan).map(([reminder, at]) => `${reminder}:${at?.toISOString() ?? 'none'}`),
    });
  },
);
