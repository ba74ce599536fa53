import { Flex, Tabs } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PageSpinner } from '@/components/page-spinner';
import { useShellProfile } from '@/features/shell';

const CataloguePage = lazy(() => import('./catalogue-page'));
const RewardFormPage = lazy(() => import('./reward-form-page'));
const RedemptionsPage = lazy(() => import('./redemptions-page'));
const CollectPickupPage = lazy(() => import('./collect-pickup-page'));

/** The section's pages, each shown to the permission that uses it (the API refuses the others anyway). */
const PAGES = [
  { key: 'catalogue', path: '/rewards', permission: 'rewards:write' },
  { key: 'redemptions', path: '/rewards/redemptions', permission: 'redemptions:read' },
  { key: 'pickup', path: '/rewards/pickup', permission: 'pickups:collect' },
] as const;

/** Rewards: the catalogue, redemptions, and the service desk's pickup, as tabs of one section. */
export function RewardsSection() {
  const { t } = useTranslation();
  const { permissions } = useShellProfile();
  const location = useLocation();
  const navigate = useNavigate();
  const pages = PAGES.filter((page) => permissions.has(page.permission));
  const may = (key: (typeof PAGES)[number]['key']) => pages.some((page) => page.key === key);
  const active =
    [...pages].reverse().find((page) => location.pathname.startsWith(page.path))?.key ?? pages[0]?.key;
  return (
    <Flex vertical gap={8} className="page">
      {pages.length > 1 && (
        <Tabs
          aria-label={t('rewards.nav.label')}
          activeKey={active}
          onChange={(key) => void navigate(PAGES.find((page) => page.key === key)!.path)}
          items={pages.map((page) => ({ key: page.key, label: t(`rewards.nav.${page.key}`) }))}
          style={{ marginBottom: -8 }}
        />
      )}
      <Suspense fallback={<PageSpinner />}>
        <Routes>
          {may('catalogue') ? (
            <>
              <Route index element={<CataloguePage />} />
              <Route path="new" element={<RewardFormPage />} />
              <Route path=":rewardId/edit" element={<RewardFormPage />} />
            </>
          ) : (
            pages[0] && <Route index element={<Navigate to={pages[0].path} replace />} />
          )}
          {may('redemptions') && <Route path="redemptions" element={<RedemptionsPage />} />}
          {may('pickup') && <Route path="pickup" element={<CollectPickupPage />} />}
          <Route path="*" element={<Navigate to="/rewards" replace />} />
        </Routes>
      </Suspense>
    </Flex>
  );
}
