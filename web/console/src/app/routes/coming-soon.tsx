import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { allowedSections, type SectionKey } from '@/config/sections';
import { useShellProfile } from '@/features/shell';
import { useDocumentTitle } from '@/lib/use-document-title';

/** A section whose screens are not built yet: says so, and where to go meanwhile. */
export default function ComingSoonPage({ section }: { section: SectionKey }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const hasDashboard = allowedSections(useShellProfile().permissions).some(
    (allowed) => allowed.key === 'dashboard',
  );
  const name = t(`menu.${section}`);
  useDocumentTitle(name);
  return (
    <Result
      status="info"
      title={<h1 className="result-heading">{name}</h1>}
      subTitle={
        <>
          <strong>{t('coming.heading')}</strong>
          <br />
          {t('coming.body', { section: name })}
        </>
      }
      extra={
        hasDashboard && (
          <Button type="primary" onClick={() => void navigate('/')}>
            {t('coming.back')}
          </Button>
        )
      }
    />
  );
}
