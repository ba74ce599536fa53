import { recordStaffAction } from '../../lib/audit';
import { reportAuditSubject } from '../../lib/analytics/exports';
import { recordAnalyticsExportRoute } from '../../lib/analytics/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  recordAnalyticsExportRoute,
  async ({ principal, body, correlationId, sourceIp }) => {
    await recordStaffAction({
      actor: principal,
      action: 'analytics.export',
      target: reportAuditSubject.target(body.report),
      after: { from: body.from, to: body.to, rows: body.rows },
      correlationId,
      sourceIp,
    });
    return { status: 204 };
  },
);
