import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { allowedSections, type SectionKey } from '@/config/sections';
import { useShellProfile } from '@/features/shell';

/**
 * A section the staff member's permissions open; the start page sends them to their first section
 * when the dashboard is not theirs, any other says they have no access.
 */
export function SectionRoute({ section, children }: { section: SectionKey; children: ReactNode }) {
  const { t } = useTranslation();
  const profile = useShellProfile();
  const allowed = allowedSections(profile.permissions);
  if (allowed.some((candidate) => candidate.key === section)) return children;
  const first = allowed[0];
  if (section === 'dashboard' && first) return <Navigate to={first.path} replace />;
  return (
    <Result
      status="403"
      title={<h1 className="result-heading">{t('noAccess.title')}</h1>}
      subTitle={first ? t('noAccess.body') : t('noAccess.nothing')}
    />
  );
}
