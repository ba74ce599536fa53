export { AnalyticsPage } from './components/analytics-page';
// The dashboard draws its period's figures from the same reports.
export { useReportRun, type ReportRunState } from './api/reports';
export { numberOf, rowObjects, type ReportRow } from './report-cells';
