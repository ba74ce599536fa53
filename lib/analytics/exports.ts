import { defineAuditSubject } from '../audit/subjects';

/**
 * A report staff can download as a file, as the audit trail names it (`report:daily-sales`): the trail
 * keeps who saved which report, for which days and how many rows, never the figures themselves.
 */
export const REPORTS = ['daily-sales', 'points-liability'] as const;
export type Report = (typeof REPORTS)[number];

export const reportAuditSubject = defineAuditSubject('report');
