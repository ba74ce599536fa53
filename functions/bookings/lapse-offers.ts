import { sweepBookingOutbox } from '../../lib/bookings/outbox';
import { lapseOffers } from '../../lib/bookings/waitlist';
import { logger, metrics, MetricUnit } from '../../lib/observability';
import { scheduledHandler } from '../../lib/schedules/handler';

/** The bookings' minutely housekeeping: lapsed waitlist offers, and booking events a crash left unpublished. */
export const handler = scheduledHandler(async (event) => {
  const now = new Date(event.time);
  const [lapse, outbox] = await Promise.allSettled([lapseOffers(event.id, now), sweepBookingOutbox(now)]);
  if (lapse.status === 'fulfilled') {
    metrics.addMetric('WaitlistOffersLapsed', MetricUnit.Count, lapse.value);
    logger.info('lapsed waitlist offers', { lapsed: lapse.value });
  }
  if (outbox.status === 'fulfilled') {
    metrics.addMetric('BookingEventsRecovered', MetricUnit.Count, outbox.value.published);
    // Anything found means a change's own publishing failed after its commit: worth a look when it recurs.
    if (outbox.value.published > 0)
      logger.warn('published booking events left in the outbox', { ...outbox.value });
  }
  const failures = [lapse, outbox].flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  if (failures.length > 0) throw new AggregateError(failures, 'bookings housekeeping failed in part');
});
