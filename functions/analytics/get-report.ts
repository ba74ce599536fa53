import { recordStaffAction } from '../../lib/audit';
import { reportAuditSubject } from '../../lib/analytics/exports';
import { storeNamesOf } from '../../lib/analytics/store-names';
import {
  readReportRows,
  reportCsv,
  reportNotReady,
  reportRunFor,
  type ReportRun,
} from '../../lib/analytics/report-runs';
import { getReportRoute } from '../../lib/analytics/report-routes';
import type { ReportCell } from '../../lib/analytics/reports/contract';
import { httpHandler } from '../../lib/http/handler';

/** Whether the caller asks for CSV: a text/csv media range in Accept, not refused with q=0. */
const wantsCsv = (accept: string | undefined) =>
  (accept ?? '')
    .split(',')
    .map((range) => range.trim().toLowerCase())
    .some((range) => range.startsWith('text/csv') && !/;\s*q=0(\.0+)?\s*(;|$)/.test(range));

const view = (run: ReportRun, rows: ReportCell[][], storeNames: Record<string, string>) => ({
  reportId: run.reportId,
  report: run.request.report,
  from: run.request.from,
  to: run.request.to,
  groupBy: run.request.groupBy,
  storeIds: run.request.storeIds ?? null,
  status: run.status,
  requestedAt: run.requestedAt,
  generatedAt: run.status === 'succeeded' || run.status === 'failed' ? (run.generatedAt ?? null) : null,
  columns: run.columns ?? [],
  rows,
  storeNames,
  error: run.error ?? null,
});

export const handler = httpHandler(
  getReportRoute,
  async ({ principal, params, headers, correlationId, sourceIp }) => {
    const run = await reportRunFor(principal, params.reportId);
    if (!wantsCsv(headers.accept)) {
      const rows = await readReportRows(run);
      return { status: 200, body: view(run, rows, await storeNamesOf(run.columns ?? [], rows)) };
    }
    if (run.status !== 'succeeded') throw reportNotReady(run);
    const rows = await readReportRows(run);
    // A file leaves the console's control: who took which figures out is kept, never the figures.
    await recordStaffAction({
      actor: principal,
      action: 'analytics.export',
      target: reportAuditSubject.target(run.request.report),
      after: {
        reportId: run.reportId,
        from: run.request.from,
        to: run.request.to,
        storeIds: run.request.storeIds ?? null,
        rows: rows.length,
      },
      correlationId,
      sourceIp,
    });
    const { report, from, to } = run.request;
    return {
      status: 200,
      body: reportCsv(run.columns ?? [], rows),
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${report}-${from}-${to}.csv"`,
      },
    };
  },
);
