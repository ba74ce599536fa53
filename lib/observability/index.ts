import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { maskPiiReplacer } from './pii';

/** Module-scope singletons shared by every function: one logger, one metrics namespace, one tracer. */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sbm-crm',
  jsonReplacerFn: maskPiiReplacer,
});

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'SbmCrm',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sbm-crm',
});

export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sbm-crm' });

export { MetricUnit } from '@aws-lambda-powertools/metrics';
