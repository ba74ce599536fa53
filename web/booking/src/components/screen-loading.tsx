import { Spin } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** While a screen's chunk arrives: a spinner, inside the shell that is already there. */
export function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-spinner">
      <Spin aria-label={t('app.loading')} />
    </div>
  );
}

/** A screen loaded on demand (React.lazy), with the spinner until its chunk is there. */
export const onDemand = (screen: ReactNode) => <Suspense fallback={<ScreenLoading />}>{screen}</Suspense>;
