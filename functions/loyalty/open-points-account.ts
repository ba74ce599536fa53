import { eventHandler } from '../../lib/events/consumer';
import { openPointsAccount } from '../../lib/loyalty/accounts';
import { logger, metrics, MetricUnit } from '../../lib/observability';

export const handler = eventHandler(
  { event: 'CustomerRegistered', consumer: 'loyalty.openPointsAccount' },
  async ({ data }) => {
    const outcome = await openPointsAccount(data.customerId);
    if (outcome === 'opened') metrics.addMetric('PointsAccountsOpened', MetricUnit.Count, 1);
    logger.info('points account', { customerId: data.customerId, outcome });
  },
);
