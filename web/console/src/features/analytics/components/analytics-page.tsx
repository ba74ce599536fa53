import { Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useShellProfile } from '@/features/shell';
import { PROGRAMME_WIDE, REPORT_NAMES } from '../api/reports';
import { seesAllStores } from '../report-search';
import { PointsLiabilityReport } from './points-liability-report';
import { ReportView } from './report-view';

// The live liability stays beside the archive's reports: it is the balance members hold this minute,
// valued at a point value the reader sets and split by the store that issued it, which no report gives.
const LIVE = 'points-liability';
type Report = (typeof REPORT_NAMES)[number];
type Tab = Report | typeof LIVE;

const tabName = (tab: Tab) => (tab === LIVE ? 'analytics.liability' : `analytics.reports.name.${tab}`);

/** The analytics section: the reports of the event archive, one route each, and the live liability. */
export function AnalyticsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  // The reconciliation is the whole programme's: not offered to staff limited to some stores (the API refuses them).
  const allStores = seesAllStores(useShellProfile().roles);
  const reports = REPORT_NAMES.filter((report: Report) => allStores || !PROGRAMME_WIDE.has(report));
  const tabs: Tab[] = [...reports, LIVE];
  const tab = tabs.find((candidate) => pathname.endsWith(`/${candidate}`)) ?? 'sales';
  useDocumentTitle(t(tabName(tab)));

  return (
    <Flex vertical gap={16} className="page">
      <div>
        <Typography.Title level={1} className="page-title">
          {t('menu.analytics')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('analytics.subtitle')}</Typography.Text>
      </div>
      <Tabs
        activeKey={tab}
        // The period and stores carry over from report to report; the liability has none.
        onChange={(key) => void navigate(`/analytics/${key}${key === LIVE || tab === LIVE ? '' : search}`)}
        items={tabs.map((key) => ({ key, label: t(tabName(key)) }))}
      />
      <Routes>
        <Route index element={<Navigate to="sales" replace />} />
        {reports.map((report) => (
          // Keyed by report: a run and its draft choices belong to the report they were made for.
          <Route key={report} path={report} element={<ReportView key={report} report={report} />} />
        ))}
        <Route path={LIVE} element={<PointsLiabilityReport />} />
        {/* The daily sales of the first console are the sales report by day now. */}
        <Route path="daily-sales" element={<Navigate to="/analytics/sales?groupBy=day" replace />} />
        <Route path="*" element={<Navigate to="sales" replace />} />
      </Routes>
    </Flex>
  );
}
