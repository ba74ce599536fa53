import { runExpiry } from '../../lib/loyalty/expiry-run';
import { logger, metrics, MetricUnit } from '../../lib/observability';
import { scheduledHandler } from '../../lib/schedules/handler';

export const handler = scheduledHandler(async (event) => {
  const outcome = await runExpiry(new Date(event.time), event.id);
  metrics.addMetric('PointsExpired', MetricUnit.Count, outcome.expiredPoints);
  logger.info('expiry run', outcome);
});
