import { addReversalToDailySales } from '../../lib/analytics/daily-sales';
import { eventHandler } from '../../lib/events/consumer';

export const handler = eventHandler(
  { event: 'PointsReversed', consumer: 'analytics.recordDailyReversals' },
  async ({ data, metadata }) => {
    await addReversalToDailySales({
      storeId: data.storeId,
      points: data.points,
      at: new Date(metadata.occurredAt),
    });
  },
);
