import { businessMetrics, type BusinessMetric } from './business-metrics';
import { metrics, MetricUnit } from './index';

/**
 * Records a business counter (business-metrics.ts) in the invocation's metrics, flushed by the middy
 * stack's `logMetrics`. Call it where the fact became true, after the write that made it so, and not
 * when a replay finds the fact already recorded: each fact counts once. Nothing is recorded for 0.
 */
export function recordBusinessMetric(name: BusinessMetric, value = 1): void {
  if (value > 0) metrics.addMetric(name, MetricUnit[businessMetrics[name].unit], value);
}
