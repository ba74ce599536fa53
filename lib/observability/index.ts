import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { currentLogKeys } from './log-context';
import { maskPiiReplacer } from './pii';
import { sourceMappedStack } from './source-mapped-stacks';

/** Every log entry's values: PII masked, stacks in source positions. */
export const logValue = (key: string, value: unknown) =>
  maskPiiReplacer(key, key === 'stack' && typeof value === 'string' ? sourceMappedStack(value) : value);

/** Powertools' Logger, whose lines also carry the keys of the context they are written in (log-context.ts). */
class ContextLogger extends Logger {
  protected override createAndPopulateLogItem(...args: Parameters<Logger['createAndPopulateLogItem']>) {
    const item = super.createAndPopulateLogItem(...args);
    const keys = currentLogKeys();
    if (!keys) return item;
    // A key the line names itself wins over the context's.
    const named = item.getAttributes();
    return item.addAttributes(Object.fromEntries(Object.entries(keys).filter(([key]) => !(key in named))));
  }
}

/** Module-scope singletons shared by every function: one logger and one metrics namespace (tracing: aws-clients.ts). */
export const logger = new ContextLogger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sbm-crm',
  jsonReplacerFn: logValue,
});

/** Most requests record no business metric; that is normal, not worth a warning per invocation. */
const metricsDiagnostics = {
  debug: (message: string) => logger.debug(message),
  info: (message: string) => logger.info(message),
  error: (message: string) => logger.error(message),
  warn: (message: string) =>
    message.startsWith('No application metrics to publish') ? logger.debug(message) : logger.warn(message),
};

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'SbmCrm',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sbm-crm',
  logger: metricsDiagnostics,
});

export { MetricUnit } from '@aws-lambda-powertools/metrics';
