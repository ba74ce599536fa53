import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, type Location } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { PageSpinner } from '@/components/page-spinner';
import { selectSessionEnded, selectSessionStatus, SignInForm } from '@/features/auth';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAppSelector } from '../hooks';

/** The one page outside the shell, in the first chunk (kept light: no Card, no Typography): email and password. */
export function SignInPage() {
  const { t } = useTranslation();
  const status = useAppSelector(selectSessionStatus);
  const ended = useAppSelector(selectSessionEnded);
  const location = useLocation();
  const from = (location.state as { from?: Location } | null)?.from;
  useDocumentTitle(t('signIn.title'));

  if (status === 'restoring') return <PageSpinner fullPage />;
  if (status === 'signedIn')
    return <Navigate to={from && from.pathname !== '/sign-in' ? from : '/'} replace />;

  return (
    <div className="sign-in-page">
      <header className="sign-in-header">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main className="sign-in-main">
        <section className="sign-in-card" aria-labelledby="sign-in-title">
          <h1 id="sign-in-title" className="sign-in-title">
            {t('signIn.title')}
          </h1>
          <p className="sign-in-subtitle">{t('signIn.subtitle')}</p>
          {ended && (
            <Alert
              type={ended === 'expired' ? 'warning' : 'info'}
              showIcon
              title={ended === 'expired' ? t('signIn.expired') : t('signIn.signedOut')}
              style={{ marginBottom: 24 }}
            />
          )}
          <SignInForm />
        </section>
        <p className="sign-in-footer">{t('signIn.footer')}</p>
      </main>
    </div>
  );
}
