import { requestReportRun, scopedReportRequest } from '../../lib/analytics/report-runs';
import { sendReportRun } from '../../lib/analytics/report-queue';
import { requestReportRoute } from '../../lib/analytics/report-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(requestReportRoute, async ({ principal, body, correlationId }) => {
  const { run, reused } = await requestReportRun(
    principal,
    scopedReportRequest(principal, body),
    (reportId) => sendReportRun({ reportId, correlationId }),
  );
  return {
    status: 202,
    body: { reportId: run.reportId, status: run.status, reused },
    headers: { location: `/v1/admin/reports/${run.reportId}` },
  };
});
