import { useTranslation } from 'react-i18next';

/** What shows while a page or the session loads; plain CSS, so the first chunk needs no Spin. */
export function PageSpinner({ fullPage = false }: { fullPage?: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      className={fullPage ? 'page-spinner page-spinner-full' : 'page-spinner'}
      role="status"
      aria-live="polite"
    >
      <span className="page-spinner-ring" aria-hidden="true" />
      <span>{t('app.loading')}</span>
    </div>
  );
}
