import { lapseOffers } from '../../lib/bookings/waitlist';
import { logger, metrics, MetricUnit } from '../../lib/observability';
import { scheduledHandler } from '../../lib/schedules/handler';

export const handler = scheduledHandler(async (event) => {
  const lapsed = await lapseOffers(event.id, new Date(event.time));
  metrics.addMetric('WaitlistOffersLapsed', MetricUnit.Count, lapsed);
  logger.info('lapsed waitlist offers', { lapsed });
});
