import { remindOfBooking, reminderPayloadSchema } from '../../lib/notifications/booking-reminders';
import { logger } from '../../lib/observability';
import { oneTimeHandler } from '../../lib/schedules/one-time-handler';

/** A booking's reminder, fired by its one-time schedule: told once, and only if the booking still stands. */
export const handler = oneTimeHandler(reminderPayloadSchema, async (payload) => {
  const outcome = await remindOfBooking(payload);
  logger.info('booking reminder', { bookingId: payload.bookingId, reminder: payload.reminder, outcome });
});
