import { purchaseDailySalesTally } from '../../lib/analytics/daily-sales';
import { tallyHandler } from '../../lib/events/tally-consumer';

export const handler = tallyHandler(
  { event: 'PurchaseRecorded', consumer: 'analytics.recordDailySales' },
  ({ data }) => [purchaseDailySalesTally(data)],
);
