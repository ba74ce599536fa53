import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { currentLogKeys } from './log-context';
import { maskPiiReplacer } from './pii';
import { sourceMappedStack } from './source-mapped-stacks';
import { telemetrySink, type EmfDocument } from './telemetry-sink';

/** Every log entry's values: PII masked, stacks in source positions. */
export const logValue = (key: string, value: unknown) =>
  maskPiiReplacer(key, key === 'stack' && typeof value === 'string' ? sourceMappedStack(value) : value);

type LogItem = ReturnType<Logger['createAndPopulateLogItem']>;

/**
 * Powertools' Logger, whose lines also carry the keys of the context they are written in (log-context.ts),
 * and reach a telemetry sink when one is installed (the local cloud's trace view, telemetry-sink.ts).
 */
class ContextLogger extends Logger {
  protected override processLogItem(...args: Parameters<Logger['processLogItem']>) {
    const [level, input, extraInput] = args;
    const sink = telemetrySink();
    // A line below the printed level that the sink keeps is made for the sink alone.
    if (sink && level >= sink.captureLevel && level < this.level)
      this.toSink(this.createAndPopulateLogItem(level, input, extraInput));
    super.processLogItem(...args);
  }

  protected override printLog(level: number, log: LogItem) {
    super.printLog(level, log);
    const sink = telemetrySink();
    if (sink && level >= sink.captureLevel) this.toSink(log);
  }

  private toSink(log: LogItem) {
    log.prepareForPrint();
    // Through the same replacer as the printed line: PII masked, stacks mapped.
    const line = JSON.parse(JSON.stringify(log.getAttributes(), this.getJsonReplacer())) as Record<
      string,
      unknown
    >;
    telemetrySink()?.onLog(line);
  }

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

/** Powertools' Metrics, whose flushes also reach a telemetry sink when one is installed (telemetry-sink.ts). */
class ObservableMetrics extends Metrics {
  override publishStoredMetrics() {
    const sink = telemetrySink();
    // Locally metrics are disabled (nothing reads EMF there), yet the sink sees what would be published.
    if (sink && this.hasStoredMetrics()) sink.onMetrics(this.serializeMetrics() as unknown as EmfDocument);
    return super.publishStoredMetrics();
  }
}

export const metrics = new ObservableMetrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'SbmCrm',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sbm-crm',
  logger: metricsDiagnostics,
});

export { MetricUnit } from '@aws-lambda-powertools/metrics';
