import { recordPointsMovement } from '../../lib/analytics/points-liability';
import { eventHandler } from '../../lib/events/consumer';

export const handler = eventHandler(
  {
    event: [
      'PointsEarned',
      'PointsReversed',
      'PointsRedeemed',
      'RedemptionCancelled',
      'PointsExpired',
      'PointsAdjusted',
    ],
    consumer: 'analytics.recordPointsMovements',
  },
  async (event) => {
    switch (event.name) {
      case 'PointsEarned':
        return recordPointsMovement('issued', event.data.points, event.data.source.storeId);
      case 'PointsReversed':
        return recordPointsMovement('reversed', event.data.points, event.data.storeId);
      case 'PointsRedeemed':
        return recordPointsMovement('redeemed', event.data.points);
      case 'RedemptionCancelled':
        // A cancellation returns redeemed points: a negative redemption.
        return recordPointsMovement('redeemed', -event.data.points);
      case 'PointsExpired':
        return recordPointsMovement('expired', event.data.points);
      case 'PointsAdjusted':
        return recordPointsMovement('adjusted', event.data.points);
    }
  },
);
