import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes } from 'react-router';
import { BookingsPage } from '../features/bookings/bookings-page';
import { MePage } from '../features/me/me-page';
import { selectSession } from '../features/session/session-slice';
import { PublicShell, Shell } from '../features/shell/shell';
import { SignInScreen } from '../features/sign-in/sign-in-screen';
import { useAppSelector } from './hooks';
import { RequireSession } from './require-session';

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}

/**
 * Sign-in before the API has its member sign-in routes (SMS codes, WeChat web authorisation): the screen,
 * saying that signing in is not open yet. features/sign-in/sign-in-page.tsx wires both once they are.
 */
function SignInNotOpen() {
  const { t } = useTranslation();
  const { ended } = useAppSelector(selectSession);
  return (
    <>
      <SignInScreen expired={ended === 'expired'} />
      <p role="status">{t('signIn.notOpen')}</p>
    </>
  );
}

/** The PWA's screens under /book/: sign-in before the session, the tabs after it. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicShell />}>
        <Route path="sign-in" element={<SignInNotOpen />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<Shell />}>
          <Route index element={<Navigate to="/bookings" replace />} />
          <Route path="bookings/*" element={<BookingsPage />} />
          <Route path="me" element={<MePage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}
