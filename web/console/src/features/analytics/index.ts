import { lazy } from 'react';

// The section's screens load on their own: the dashboard imports this index for the report run alone.
export const AnalyticsPage = lazy(() =>
  import('./components/analytics-page').then((module) => ({ default: module.AnalyticsPage })),
);
// The dashboard draws its period's figures from the same reports.
export { useReportRun, type ReportRunState } from './api/reports';
export { numberOf, rowObjects, type ReportRow } from './report-cells';
