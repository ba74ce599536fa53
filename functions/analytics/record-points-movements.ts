import { pointsMovementTally } from '../../lib/analytics/points-liability';
import { tallyHandler } from '../../lib/events/tally-consumer';

export const handler = tallyHandler(
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
  (event) => {
    switch (event.name) {
      case 'PointsEarned':
        return [pointsMovementTally('issued', event.data.points, event.data.source.storeId)];
      case 'PointsReversed':
        return [pointsMovementTally('reversed', event.data.points, event.data.storeId)];
      case 'PointsRedeemed':
        return [pointsMovementTally('redeemed', event.data.points)];
      case 'RedemptionCancelled':
        // A cancellation returns redeemed points: a negative redemption.
        return [pointsMovementTally('redeemed', -event.data.points)];
      case 'PointsExpired':
        return [pointsMovementTally('expired', event.data.points)];
      case 'PointsAdjusted':
        return [pointsMovementTally('adjusted', event.data.points)];
    }
  },
);
