import { AsyncLocalStorage } from 'node:async_hooks';
import { businessMetrics } from '../observability/business-metrics';
import { trustedCorrelationId } from '../observability/correlation';
import type { EmfDocument, TelemetrySink } from '../observability/telemetry-sink';
import type { AroundInvoke } from './lambda';

/** Traces kept: the oldest is dropped when a new one would exceed it. */
export const MAX_TRACES = 2000;
/** Invocations kept per trace, and lines kept per invocation and trace; beyond them, counted only. */
export const MAX_INVOCATIONS_PER_TRACE = 200;
export const MAX_LINES_PER_INVOCATION = 200;
/** Powertools' INFO: the trace view keeps INFO lines and above, whatever the terminal prints. */
const CAPTURE_LEVEL_INFO = 12;
/** Upper bounds (seconds) of the invocation duration histogram. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type TriggerKind = 'http' | 'authorizer' | 'event' | 'queue' | 'schedule' | 'oneTime' | 'other';

export interface TracedInvocation {
  functionName: string;
  trigger: TriggerKind;
  startedAt: string;
  /** Undefined while it runs. */
  durationMs?: number;
  outcome: 'running' | 'succeeded' | 'failed' | 'partially-failed';
  /** An HTTP function's status code. */
  statusCode?: number;
  error?: string;
  /** Lines of this invocation written for this trace (a batch's other records' lines are in theirs). */
  lines: Record<string, unknown>[];
  linesDropped: number;
}

export interface Trace {
  correlationId: string;
  invocations: TracedInvocation[];
  invocationsDropped: number;
}

interface Invocation {
  functionName: string;
  trigger: TriggerKind;
  started: number;
  /** The entries of this invocation in each trace it belongs to. */
  entries: Map<string, TracedInvocation>;
}

type Headers = Record<string, string | undefined> | null | undefined;

const headerOf = (headers: Headers, name: string) =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

const metadataCorrelationOf = (detail: unknown) =>
  (detail as { metadata?: { correlationId?: unknown } } | undefined)?.metadata?.correlationId;

/**
 * The correlation ids an invocation's event carries, read as the function's middy stack reads them: an
 * API request's `x-correlation-id` (else its request id), an event's metadata (a schedule's: its event
 * id), each SQS record's `correlationId` attribute or, for an event buffered in a queue, its metadata.
 */
export function correlationIdsOfEvent(event: unknown): string[] {
  const e = event as Record<string, unknown> | null;
  if (!e || typeof e !== 'object') return [];
  if (Array.isArray(e.Records))
    return [
      ...new Set(
        (e.Records as Record<string, unknown>[]).map((record) => {
          const attribute = (record.messageAttributes as Record<string, { stringValue?: string }> | undefined)
            ?.correlationId?.stringValue;
          let buffered: unknown;
          try {
            buffered = metadataCorrelationOf(
              (JSON.parse(String(record.body)) as { detail?: unknown }).detail,
            );
          } catch {
            buffered = undefined;
          }
          return trustedCorrelationId(attribute ?? buffered, String(record.messageId));
        }),
      ),
    ];
  const requestContext = e.requestContext as { requestId?: string } | undefined;
  if (requestContext?.requestId)
    return [
      trustedCorrelationId(headerOf(e.headers as Headers, 'x-correlation-id'), requestContext.requestId),
    ];
  if ('detail-type' in e) return [trustedCorrelationId(metadataCorrelationOf(e.detail), String(e.id))];
  // A one-time schedule's envelope (lib/schedules/one-time.ts), as lib/schedules/one-time-handler.ts reads it.
  if ('executionId' in e && 'payload' in e)
    return [trustedCorrelationId(e.correlationId, String(e.executionId))];
  return [];
}

function outcomeOf(result: unknown): Pick<TracedInvocation, 'outcome' | 'statusCode'> {
  const answer = result as { statusCode?: unknown; batchItemFailures?: unknown[] } | null | undefined;
  if (typeof answer?.statusCode === 'number')
    return { outcome: answer.statusCode >= 500 ? 'failed' : 'succeeded', statusCode: answer.statusCode };
  if (Array.isArray(answer?.batchItemFailures) && answer.batchItemFailures.length > 0)
    return { outcome: 'partially-failed' };
  return { outcome: 'succeeded' };
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (values: Record<string, string>) =>
  `{${Object.entries(values)
    .map(([name, value]) => `${name}="${escapeLabel(value)}"`)
    .join(',')}}`;
/** `PurchasesCredited` → `purchases_credited`. */
const snakeCase = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toLowerCase();

interface FunctionCounters {
  invocations: number;
  errors: number;
  durationSum: number;
  buckets: number[];
}

export interface QueueGauge {
  name: string;
  messages: number;
  inFlight: number;
  deadLetters: number;
}

/**
 * What the local cloud's functions did, as CloudWatch Logs, X-Ray and CloudWatch Metrics would tell it:
 * per correlation id the ordered invocations with their log lines (`GET /_local/traces/{id}`), and
 * counters in Prometheus text (`GET /_local/metrics`). Lines and metrics arrive through the telemetry
 * sink (lib/observability/telemetry-sink.ts) from the very logger and Metrics the functions use;
 * invocations through the Lambda emulation's `around` hook. Memory is bounded: the last `MAX_TRACES`
 * traces, each with at most `MAX_INVOCATIONS_PER_TRACE` invocations of `MAX_LINES_PER_INVOCATION` lines.
 */
export class LocalTelemetry {
  private readonly traces = new Map<string, Trace>();
  private readonly current = new AsyncLocalStorage<Invocation>();
  private readonly functions = new Map<string, FunctionCounters>();
  private readonly published = new Map<string, number>();
  /** Counters recorded through Powertools Metrics, by metric name and service. */
  private readonly recorded = new Map<string, Map<string, number>>();

  constructor(
    private readonly triggerOf: (functionName: string) => TriggerKind,
    private readonly maxTraces = MAX_TRACES,
  ) {}

  readonly sink: TelemetrySink = {
    captureLevel: CAPTURE_LEVEL_INFO,
    onLog: (line) => this.onLog(line),
    onMetrics: (emf) => this.onMetrics(emf),
  };

  /** The `around` hook: records the invocation, then runs `inner` (another hook) or the function. */
  around(inner: AroundInvoke = (_, __, invoke) => invoke()): AroundInvoke {
    return async (functionName, event, invoke) => {
      const invocation: Invocation = {
        functionName,
        trigger: this.triggerOf(functionName),
        started: Date.now(),
        entries: new Map(),
      };
      for (const id of correlationIdsOfEvent(event)) this.entryOf(invocation, id);
      try {
        const result = await this.current.run(invocation, () => inner(functionName, event, invoke));
        this.finish(invocation, outcomeOf(result));
        return result;
      } catch (error) {
        this.finish(invocation, { outcome: 'failed', error: (error as Error)?.message ?? String(error) });
        throw error;
      }
    };
  }

  trace(correlationId: string): Trace | undefined {
    const trace = this.traces.get(correlationId);
    if (!trace) return undefined;
    return {
      ...trace,
      invocations: [...trace.invocations].sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
    };
  }

  eventPublished(detailType: string) {
    this.published.set(detailType, (this.published.get(detailType) ?? 0) + 1);
  }

  /** The counters in Prometheus text exposition format 0.0.4, with the queues' depths as they are now. */
  prometheus(queues: QueueGauge[]): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string) =>
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

    family('sbm_crm_function_invocations_total', 'counter', 'Function invocations');
    for (const [fn, c] of this.functions)
      out.push(`sbm_crm_function_invocations_total${labels({ function: fn })} ${c.invocations}`);
    family(
      'sbm_crm_function_errors_total',
      'counter',
      'Function invocations that failed (thrown, or HTTP 5xx)',
    );
    for (const [fn, c] of this.functions)
      out.push(`sbm_crm_function_errors_total${labels({ function: fn })} ${c.errors}`);
    family('sbm_crm_function_duration_seconds', 'histogram', 'Function invocation durations');
    for (const [fn, c] of this.functions) {
      DURATION_BUCKETS.forEach((bound, i) =>
        out.push(
          `sbm_crm_function_duration_seconds_bucket${labels({ function: fn, le: String(bound) })} ${c.buckets[i]}`,
        ),
      );
      out.push(
        `sbm_crm_function_duration_seconds_bucket${labels({ function: fn, le: '+Inf' })} ${c.invocations}`,
        `sbm_crm_function_duration_seconds_sum${labels({ function: fn })} ${c.durationSum}`,
        `sbm_crm_function_duration_seconds_count${labels({ function: fn })} ${c.invocations}`,
      );
    }
    family('sbm_crm_queue_messages', 'gauge', 'Messages on a queue, in flight included');
    for (const q of queues) out.push(`sbm_crm_queue_messages${labels({ queue: q.name })} ${q.messages}`);
    family('sbm_crm_queue_in_flight_messages', 'gauge', 'Messages received and not yet deleted');
    for (const q of queues)
      out.push(`sbm_crm_queue_in_flight_messages${labels({ queue: q.name })} ${q.inFlight}`);
    family('sbm_crm_dlq_messages', 'gauge', "Messages on a queue's dead-letter queue");
    for (const q of queues) out.push(`sbm_crm_dlq_messages${labels({ queue: q.name })} ${q.deadLetters}`);
    family('sbm_crm_events_published_total', 'counter', 'Events the bus accepted, by detail type');
    for (const [type, count] of this.published)
      out.push(`sbm_crm_events_published_total${labels({ type })} ${count}`);

    // Every business counter is listed from the start (at 0), so a dashboard finds its series.
    const names = new Set([...Object.keys(businessMetrics), ...this.recorded.keys()]);
    for (const name of [...names].sort()) {
      const metric = `sbm_crm_${snakeCase(name)}_total`;
      const description = (businessMetrics as Record<string, { description: string }>)[name]?.description;
      family(metric, 'counter', `${description ?? name} (Powertools metric ${name})`);
      const byService = this.recorded.get(name);
      if (!byService?.size) out.push(`${metric} 0`);
      for (const [service, value] of byService ?? []) out.push(`${metric}${labels({ service })} ${value}`);
    }
    return `${out.join('\n')}\n`;
  }

  private entryOf(invocation: Invocation, correlationId: string): TracedInvocation | undefined {
    const existing = invocation.entries.get(correlationId);
    if (existing) return existing;
    let trace = this.traces.get(correlationId);
    if (!trace) {
      trace = { correlationId, invocations: [], invocationsDropped: 0 };
      this.traces.set(correlationId, trace);
      // A Map keeps insertion order: the first key is the oldest trace.
      while (this.traces.size > this.maxTraces) this.traces.delete(this.traces.keys().next().value!);
    }
    if (trace.invocations.length >= MAX_INVOCATIONS_PER_TRACE) {
      trace.invocationsDropped++;
      return undefined;
    }
    const entry: TracedInvocation = {
      functionName: invocation.functionName,
      trigger: invocation.trigger,
      startedAt: new Date(invocation.started).toISOString(),
      outcome: 'running',
      lines: [],
      linesDropped: 0,
    };
    trace.invocations.push(entry);
    invocation.entries.set(correlationId, entry);
    return entry;
  }

  private finish(invocation: Invocation, result: Pick<TracedInvocation, 'outcome' | 'statusCode' | 'error'>) {
    const durationMs = Date.now() - invocation.started;
    for (const entry of invocation.entries.values()) Object.assign(entry, { durationMs }, result);
    let counters = this.functions.get(invocation.functionName);
    if (!counters) {
      counters = { invocations: 0, errors: 0, durationSum: 0, buckets: DURATION_BUCKETS.map(() => 0) };
      this.functions.set(invocation.functionName, counters);
    }
    counters.invocations++;
    if (result.outcome === 'failed') counters.errors++;
    counters.durationSum += durationMs / 1000;
    DURATION_BUCKETS.forEach((bound, i) => {
      if (durationMs / 1000 <= bound) counters.buckets[i]!++;
    });
  }

  private onLog(line: Record<string, unknown>) {
    const invocation = this.current.getStore();
    if (!invocation) return;
    const id = typeof line.correlationId === 'string' ? line.correlationId : undefined;
    // A line names its trace; one that names none belongs to each trace its invocation serves.
    const entries = id ? [this.entryOf(invocation, id)] : [...invocation.entries.values()];
    for (const entry of entries) {
      if (!entry) continue;
      if (entry.lines.length >= MAX_LINES_PER_INVOCATION) entry.linesDropped++;
      else entry.lines.push(line);
    }
  }

  private onMetrics(emf: EmfDocument) {
    const service = typeof emf.service === 'string' ? emf.service : 'unknown';
    for (const directive of emf._aws.CloudWatchMetrics)
      for (const { Name } of directive.Metrics) {
        const raw = emf[Name];
        const value = (Array.isArray(raw) ? raw : [raw]).reduce<number>(
          (sum, v) => sum + (typeof v === 'number' ? v : 0),
          0,
        );
        const byService = this.recorded.get(Name) ?? new Map<string, number>();
        byService.set(service, (byService.get(service) ?? 0) + value);
        this.recorded.set(Name, byService);
      }
  }
}
