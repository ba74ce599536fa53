import { STRIKE_WEIGHTS, recordStrike } from '../../lib/bookings/strikes';
import { eventHandler } from '../../lib/events/consumer';
import { logger } from '../../lib/observability';

export const handler = eventHandler(
  {
    event: ['BookingNoShow', 'BookingCancelled'],
    consumer: 'bookings.recordBookingStrike',
    // Only a late cancellation of a booking that held room strikes; leaving a waitlist never does.
    appliesTo: (event) =>
      event.name === 'BookingNoShow' || (event.data.late && event.data.previousStatus !== 'waitlisted'),
  },
  async (event) => {
    const reason = event.name === 'BookingNoShow' ? 'no-show' : 'late-cancellation';
    const at = event.name === 'BookingNoShow' ? event.data.markedAt : event.data.cancelledAt;
    const outcome = await recordStrike(event.data.customerId, event.data.venueId, {
      at,
      weight: STRIKE_WEIGHTS[reason],
      bookingId: event.data.bookingId,
      reason,
    });
    logger.info('booking strike', { bookingId: event.data.bookingId, reason, ...outcome });
  },
);
