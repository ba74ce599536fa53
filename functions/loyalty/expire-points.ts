import { runExpiry } from '../../lib/loyalty/expiry-run';
import { cancelExpiredVouchers } from '../../lib/rewards/redemption';
import { logger, metrics, MetricUnit } from '../../lib/observability';
import { scheduledHandler } from '../../lib/schedules/handler';

export const handler = scheduledHandler(async (event) => {
  // Vouchers first: the points they return keep their original expiry and may expire in the same run.
  const vouchersCancelled = await cancelExpiredVouchers(new Date(event.time), event.id);
  const outcome = { ...(await runExpiry(new Date(event.time), event.id)), vouchersCancelled };
  metrics.addMetric('PointsExpired', MetricUnit.Count, outcome.expiredPoints);
  logger.info('expiry run', outcome);
});
