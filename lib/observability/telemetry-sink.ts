/**
 * Where a local tool (the local cloud's trace view and metrics) receives what the functions' logger
 * and metrics write, as CloudWatch Logs and CloudWatch Metrics receive it in the cloud. Nothing is
 * installed on Lambda: there the lines go to stdout and the metrics out as EMF, and nothing else.
 *
 * The sink lives on `globalThis`, so that a handler module imported by a loader of its own (a test
 * runner's) reaches the same sink as the local cloud that installed it.
 */
export interface TelemetrySink {
  /**
   * The lowest Powertools level (a number: DEBUG 8, INFO 12, WARN 16, ERROR 20) of lines the sink
   * keeps, whatever the logger prints: the trace view shows INFO lines while the terminal stays quiet.
   */
  captureLevel: number;
  /** A log line as it is (or would be) printed: attributes after PII masking. */
  onLog(line: Record<string, unknown>): void;
  /** One flush of Powertools Metrics, in CloudWatch's embedded metric format. */
  onMetrics(emf: EmfDocument): void;
}

/** The part of an EMF document a reader of counters needs. */
export interface EmfDocument {
  _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string; Unit?: string }[] }[] };
  [metricOrDimension: string]: unknown;
}

const SINK = Symbol.for('sbm-crm.telemetry-sink');
type Holder = { [SINK]?: TelemetrySink };

export function installTelemetrySink(sink: TelemetrySink | undefined): void {
  (globalThis as Holder)[SINK] = sink;
}

export const telemetrySink = (): TelemetrySink | undefined => (globalThis as Holder)[SINK];
