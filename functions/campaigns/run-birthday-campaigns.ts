import { runBirthdayCampaigns } from '../../lib/campaigns/triggers';
import { logger, metrics, MetricUnit } from '../../lib/observability';
import { scheduledHandler } from '../../lib/schedules/handler';

export const handler = scheduledHandler(async (event) => {
  const outcome = await runBirthdayCampaigns(new Date(event.time), event.id);
  metrics.addMetric('BirthdayAwards', MetricUnit.Count, outcome.awarded);
  logger.info('birthday campaigns', outcome);
});
