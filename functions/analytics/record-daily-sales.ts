import { addPurchaseToDailySales } from '../../lib/analytics/daily-sales';
import { eventHandler } from '../../lib/events/consumer';

export const handler = eventHandler(
  { event: 'PurchaseRecorded', consumer: 'analytics.recordDailySales' },
  async ({ data }) => {
    await addPurchaseToDailySales(data);
  },
);
