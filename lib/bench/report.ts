import { round } from './stats';

/** What `npm run bench` reports; the keys are those of the JSON line. */
export interface BenchFigures {
  raw_tx_per_s: number;
  raw_tx_per_s_before_after: string;
  pipeline_per_s: number;
  pipeline_ratio: number;
  reactions_done_after_s: number;
  /** Deliveries (events and queued messages) the pipeline left dead-lettered: none is the aim. */
  dead_lettered_deliveries: number;
  api_p50_ms: number;
  api_p99_ms: number;
  raw_get_p50_ms: number;
  raw_get_p99_ms: number;
  p99_ratio: number;
  /** GET /v1/venues/{id}/availability of a day with every slot occupied: the venue and one query. */
  availability_p50_ms: number;
  availability_p99_ms: number;
  /** The raw query of the same venue-day's slot items, from the same clients. */
  raw_day_query_p99_ms: number;
  availability_p99_ratio: number;
  /** POST /v1/bookings on one slot by every member at the run's concurrency. */
  hot_slot_bookings_per_s: number;
  /** The raw conditional counter update on one item, at the same concurrency. */
  raw_hot_slot_updates_per_s: number;
  hot_slot_ratio: number;
  raw_cpu_ms_per_tx: number;
  raw_cpu_ms_node_dynamodb: string;
  raw_cores_busy: number;
  pipeline_cpu_ms_per_purchase: number;
  pipeline_cpu_ms_node_dynamodb: string;
  pipeline_cores_busy: number;
  pipeline_cpu_ratio: number;
  wcu_per_purchase: number;
  wcu_per_purchase_with_reactions: number;
  dynamodb_calls_per_purchase: number;
  dynamodb_calls_per_purchase_with_reactions: number;
  dynamodb_refused_calls_per_purchase: number;
  /** Records the local archive holds after the pipeline (every event of every purchase, sign-ups, ...). */
  archive_records: number;
  /** The points report on DuckDB over the archive's NDJSON files (median of 5). */
  report_ms: number;
  /** A raw COUNT(*) over the same files: what reading them costs at least. */
  archive_count_ms: number;
  report_ratio: number;
  /** Appending a purchase's archived events to the NDJSON files, flushed, in microseconds. */
  archive_write_us_per_purchase: number;
  /** Seconds until 40 purchases of one member, posted at once from one till, are all credited. */
  burst_credited_s: number;
  burst_refused_calls_per_purchase: number;
  raw_wcu_per_purchase: number;
  rcu_per_balance_read: number;
  max_bundle_kb: number;
  max_bundle_function: string;
  cold_init_ratio: number;
  cold_init_function: string;
  hello_world_init_ms: number;
  /** The staff console's JS before the sign-in page shows (the entry and its static imports), gzipped. */
  console_initial_js_kb_gz: number;
  console_largest_chunk_kb_gz: number;
  console_largest_chunk: string;
  /** A production build of the console, from scratch. */
  console_build_s: number;
}

export interface Budget {
  key: keyof BenchFigures;
  limit: number;
  direction: 'at-least' | 'at-most';
}

/** The budgets of issue 4; the harness reports them, `npm test` does not assert them. */
export const budgets: Budget[] = [
  { key: 'pipeline_ratio', limit: 0.6, direction: 'at-least' },
  { key: 'p99_ratio', limit: 3, direction: 'at-most' },
  { key: 'wcu_per_purchase', limit: 8, direction: 'at-most' },
  { key: 'max_bundle_kb', limit: 300, direction: 'at-most' },
  { key: 'cold_init_ratio', limit: 2, direction: 'at-most' },
  { key: 'console_initial_js_kb_gz', limit: 250, direction: 'at-most' },
];

export function budgetVerdicts(figures: Partial<BenchFigures>) {
  return budgets.map((budget) => {
    const value = figures[budget.key];
    const measured = typeof value === 'number' && Number.isFinite(value);
    const passed =
      measured && (budget.direction === 'at-least' ? value >= budget.limit : value <= budget.limit);
    return {
      ...budget,
      value: measured ? value : undefined,
      verdict: !measured ? 'not measured' : passed ? 'pass' : 'FAIL',
    };
  });
}

export const ratio = (value: number, baseline: number) => round(value / baseline, 3);

/** A readable table: one line a figure, then one a budget. */
export function formatReport(
  figures: Partial<BenchFigures>,
  context: Record<string, string | number>,
): string {
  const lines = ['', 'SBM CRM benchmark', ''];
  for (const [key, value] of Object.entries(context)) lines.push(`  ${key.padEnd(34)} ${value}`);
  lines.push('', '  figure                             value');
  for (const [key, value] of Object.entries(figures)) lines.push(`  ${key.padEnd(34)} ${value}`);
  lines.push('', '  budget                             limit      measured   verdict');
  for (const verdict of budgetVerdicts(figures)) {
    const limit = `${verdict.direction === 'at-least' ? '>=' : '<='} ${verdict.limit}`;
    lines.push(
      `  ${verdict.key.padEnd(34)} ${limit.padEnd(10)} ${String(verdict.value ?? '-').padEnd(10)} ${verdict.verdict}`,
    );
  }
  return lines.join('\n');
}
