import { runReportQuery } from '../../lib/analytics/report-engine';
import { reportRunMessageSchema } from '../../lib/analytics/report-queue';
import { executeRun } from '../../lib/analytics/report-runs';
import { queueHandler } from '../../lib/queues/handler';

export const handler = queueHandler('reports', reportRunMessageSchema, async ({ reportId }) => {
  await executeRun(reportId, runReportQuery);
});
