import { tierLadder, entryTierOf } from '../loyalty/tier-store';
import { athenaEngineFromEnv } from './archive/athena-engine';
import { ArchiveQueryError, type ArchiveEngine } from './archive/engine';
import { localArchiveOfProcess } from './archive/local-archive';
import { logger } from '../observability';
import { ReportFailure, type ScopedReportRequest } from './report-runs';
import type { ReportTable } from './reports/contract';
import { runReport } from './reports/run';
import { reconcile } from './reconcile/reconcile';

/**
 * The archive engine of this process: DuckDB over the local cloud's archive when the local cloud runs
 * here (loaded only then: DuckDB is never bundled into a function), Athena in the cloud.
 */
export async function archiveEngine(): Promise<ArchiveEngine> {
  const local = localArchiveOfProcess();
  if (!local) return athenaEngineFromEnv();
  const { duckDbEngineFor } = await import('./archive/duckdb-engine');
  return duckDbEngineFor(local);
}

/**
 * Runs a report run's query: its SQL, or for the reconciliation the points report and a Scan of the ledger.
 * A query the engine refused, cancelled or stopped at its time limit fails the run (running it again would
 * cost another scan to the same end); staff see its code, the log its words.
 */
export async function runReportQuery(request: ScopedReportRequest): Promise<ReportTable> {
  try {
    if (request.report === 'reconciliation')
      return await reconcile({ from: request.from, to: request.to }, { engine: await archiveEngine() });
    const [engine, ladder] = await Promise.all([archiveEngine(), tierLadder()]);
    return await runReport(
      { ...request, report: request.report, entryTier: entryTierOf(ladder).code },
      engine,
    );
  } catch (error) {
    if (!(error instanceof ArchiveQueryError)) throw error;
    logger.error('report query failed', { report: request.report, code: error.code, error });
    throw new ReportFailure(
      `QUERY_${error.code}`,
      error.code === 'TIMED_OUT'
        ? 'The query ran past its time limit: choose a shorter period or fewer stores.'
        : 'The archive could not answer the query.',
    );
  }
}
