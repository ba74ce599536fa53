import { reversalDailySalesTally } from '../../lib/analytics/daily-sales';
import { tallyHandler } from '../../lib/events/tally-consumer';

export const handler = tallyHandler(
  { event: 'PointsReversed', consumer: 'analytics.recordDailyReversals' },
  ({ data, metadata }) => [
    reversalDailySalesTally({
      storeId: data.storeId,
      points: data.points,
      at: new Date(metadata.occurredAt),
    }),
  ],
);
