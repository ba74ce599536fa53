import { Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useDocumentTitle } from '@/lib/use-document-title';
import { DailySalesReport } from './daily-sales-report';
import { PointsLiabilityReport } from './points-liability-report';

const TABS = ['daily-sales', 'points-liability'] as const;

/** The analytics section: daily sales per store and the points liability, each downloadable as CSV. */
export function AnalyticsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tab = TABS.find((candidate) => pathname.endsWith(`/${candidate}`)) ?? 'daily-sales';
  useDocumentTitle(t(tab === 'daily-sales' ? 'analytics.dailySales' : 'analytics.liability'));

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
        onChange={(key) => void navigate(`/analytics/${key}`)}
        items={TABS.map((key) => ({
          key,
          label: t(key === 'daily-sales' ? 'analytics.dailySales' : 'analytics.liability'),
        }))}
      />
      <Routes>
        <Route index element={<Navigate to="daily-sales" replace />} />
        <Route path="daily-sales" element={<DailySalesReport />} />
        <Route path="points-liability" element={<PointsLiabilityReport />} />
        <Route path="*" element={<Navigate to="daily-sales" replace />} />
      </Routes>
    </Flex>
  );
}
