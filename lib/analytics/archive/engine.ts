/**
 * The one thing reports ask of an archive engine: run a query written in Athena's (Trino) SQL, with its
 * `?` placeholders bound to the given values in order, and answer a table. Athena answers it in the
 * cloud (`athena-engine.ts`), DuckDB over the local archive (`duckdb-engine.ts`); `dialect.ts` holds the
 * few places where their SQL differs.
 */
import type { ReportTable } from '../reports/contract';

/**
 * Values bound to the placeholders: always strings, validated before they get here, and cast in the SQL
 * (`CAST(? AS DATE)`), so both engines see the same types.
 */
export type QueryParameters = readonly string[];

export interface ArchiveEngine {
  query(sql: string, params: QueryParameters): Promise<ReportTable>;
}

/** A query the engine refused or could not finish: the report fails with it, and nothing is half-answered. */
export class ArchiveQueryError extends Error {
  constructor(
    message: string,
    readonly code: 'FAILED' | 'CANCELLED' | 'TIMED_OUT',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ArchiveQueryError';
  }
}
