import { campaignBonusDailySalesTally } from '../../lib/analytics/daily-sales';
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
      case 'PointsEarned': {
        const { points, source, earnedAt } = event.data;
        const issued = pointsMovementTally('issued', points, source.storeId);
        // A campaign bonus is issued too: counted in its day's sales with the liability, exactly once.
        return source.kind === 'campaign'
          ? [issued, campaignBonusDailySalesTally({ storeId: source.storeId, points, earnedAt })]
          : [issued];
      }
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
