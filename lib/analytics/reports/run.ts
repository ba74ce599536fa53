/**
 * Runs a report: its SQL (one file a report, in Athena's SQL, `sql/<report>.sql`) with the request's
 * values bound as parameters, on whichever archive engine is given (Athena in the cloud, DuckDB locally).
 */
import { readFileSync } from 'node:fs';
import { PROGRAMME_TIME_ZONE } from '../../calendar';
import { compileParameters } from '../archive/dialect';
import type { ArchiveEngine } from '../archive/engine';
import { SQL_REPORT_NAMES, type ReportRequest, type ReportTable, type SqlReportName } from './contract';

/** The entry tier of the ladder, where members without a TierChanged are. */
export const DEFAULT_ENTRY_TIER = 'bronze';

const sqlFiles = new Map<SqlReportName, string>();

/** A report's SQL as written (read once a process). */
export function reportSql(report: SqlReportName): string {
  if (!SQL_REPORT_NAMES.includes(report)) throw new Error(`No report ${String(report)}`);
  let sql = sqlFiles.get(report);
  if (sql === undefined) {
    sql = readFileSync(new URL(`./sql/${report}.sql`, import.meta.url), 'utf8');
    sqlFiles.set(report, sql);
  }
  return sql;
}

/** The parameters every report may name, from a validated request. */
export function reportParameters(
  request: Omit<ReportRequest, 'report'> & { entryTier?: string; timeZone?: string },
): Record<string, string> {
  return {
    from: request.from,
    to: request.to,
    group_by: request.groupBy,
    // ',a,b,': a store is in the filter when ',<store>,' is in it; store ids hold no commas.
    stores: request.storeIds ? `,${request.storeIds.join(',')},` : '',
    entry_tier: request.entryTier ?? DEFAULT_ENTRY_TIER,
    time_zone: request.timeZone ?? PROGRAMME_TIME_ZONE,
  };
}

/** A request for a report written in SQL. */
export type SqlReportRequest = Omit<ReportRequest, 'report'> & { report: SqlReportName };

export function runReport(
  request: SqlReportRequest & { entryTier?: string; timeZone?: string },
  engine: ArchiveEngine,
): Promise<ReportTable> {
  const { sql, params } = compileParameters(reportSql(request.report), reportParameters(request));
  return engine.query(sql, params);
}
