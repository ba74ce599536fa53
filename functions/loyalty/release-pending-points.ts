import { releaseDuePendingPoints } from '../../lib/loyalty/ledger';
import { logger, metrics, MetricUnit } from '../../lib/observability';
import { scheduledHandler } from '../../lib/schedules/handler';

export const handler = scheduledHandler(async (event) => {
  const released = await releaseDuePendingPoints(new Date(event.time));
  metrics.addMetric('PendingSalesReleased', MetricUnit.Count, released);
  logger.info('released pending points', { sales: released });
});
