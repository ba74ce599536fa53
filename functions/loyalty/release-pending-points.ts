import { releaseDuePendingPoints } from '../../lib/loyalty/ledger';
import { logger, metrics, MetricUnit } from '../../lib/observability';
import { scheduledHandler } from '../../lib/schedules/handler';

export const handler = scheduledHandler(async () => {
  const released = await releaseDuePendingPoints();
  metrics.addMetric('PendingSalesReleased', MetricUnit.Count, released);
  logger.info('released pending points', { sales: released });
});
