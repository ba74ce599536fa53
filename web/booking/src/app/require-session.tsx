import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { selectSession } from '../features/session/session-slice';
import { useAppSelector } from './hooks';

/**
 * The signed-in screens, once the session is known: sign-in for a member without one. Offline with a
 * kept session the screens show what the service worker cached.
 */
export function RequireSession() {
  const { t } = useTranslation();
  const { status } = useAppSelector(selectSession);
  const location = useLocation();
  if (status === 'unknown')
    return (
      <div className="page-spinner">
        <Spin aria-label={t('app.loading')} />
      </div>
    );
  if (status === 'signedOut') return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return <Outlet />;
}
