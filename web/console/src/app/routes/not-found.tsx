import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '@/lib/use-document-title';

export default function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <Result
      status="404"
      title={<h1 className="result-heading">{t('notFound.title')}</h1>}
      subTitle={t('notFound.body')}
      extra={<Link to="/">{t('notFound.home')}</Link>}
    />
  );
}
