import { markNoShows } from '../../lib/bookings/attendance';
import { logger, metrics, MetricUnit } from '../../lib/observability';
import { scheduledHandler } from '../../lib/schedules/handler';

export const handler = scheduledHandler(async (event) => {
  const outcome = await markNoShows(event.id, new Date(event.time));
  metrics.addMetric('BookingNoShows', MetricUnit.Count, outcome.markedNoShow);
  if (outcome.cut) logger.warn('no-show sweep stopped at its bound; the next run goes on', { ...outcome });
  else logger.info('no-show sweep', { ...outcome });
});
