import { Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useDocumentTitle } from '@/lib/use-document-title';
import { EarnPreview } from './earn-preview';
import { EarningRulesVersions } from './earning-rules-versions';
import { TierLadderEditor } from './tier-ladder-editor';

const TABS = {
  tiers: 'programme.tiers.tab',
  'earning-rules': 'programme.rules.tab',
  preview: 'programme.preview.tab',
} as const;
type Tab = keyof typeof TABS;

/** The programme settings: the tier ladder, the earning rules' versions, and a preview of what a sale earns. */
export function ProgrammePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tab = (Object.keys(TABS) as Tab[]).find((key) => pathname.endsWith(`/${key}`)) ?? 'tiers';
  useDocumentTitle(t(TABS[tab]));

  return (
    <Flex vertical gap={16} className="page">
      <div>
        <Typography.Title level={1} className="page-title">
          {t('menu.programme')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('programme.subtitle')}</Typography.Text>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate(`/programme/${key}`)}
        items={(Object.keys(TABS) as Tab[]).map((key) => ({ key, label: t(TABS[key]) }))}
      />
      <Routes>
        <Route index element={<Navigate to="tiers" replace />} />
        <Route path="tiers" element={<TierLadderEditor />} />
        <Route path="earning-rules" element={<EarningRulesVersions />} />
        <Route path="preview" element={<EarnPreview />} />
        <Route path="*" element={<Navigate to="tiers" replace />} />
      </Routes>
    </Flex>
  );
}
