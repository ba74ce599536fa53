import { reviewTiers } from '../../lib/loyalty/tier-changes';
import { logger, metrics, MetricUnit } from '../../lib/observability';
import { scheduledHandler } from '../../lib/schedules/handler';

export const handler = scheduledHandler(async (event) => {
  const outcome = await reviewTiers(new Date(event.time), event.id);
  metrics.addMetric('TierDowngrades', MetricUnit.Count, outcome.downgraded);
  logger.info('tier review', outcome);
});
