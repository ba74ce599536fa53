import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser tab names the page and the product. */
export function useDocumentTitle(page: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${page} · ${t('app.name')}`;
  }, [page, t]);
}
