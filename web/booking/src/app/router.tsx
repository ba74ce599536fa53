import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { BookingsPage } from '../features/bookings/bookings-page';
import { MePage } from '../features/me/me-page';
import { PublicShell, Shell } from '../features/shell/shell';
import { SignInPage } from '../features/sign-in/sign-in-page';
import { AvailabilityPage } from '../features/venues/availability-page';
import { VenuesPage } from '../features/venues/venues-page';
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

/** The PWA's screens under /book/: sign-in before the session, the tabs after it. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicShell />}>
        <Route path="sign-in" element={<SignInPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<Shell />}>
          <Route index element={<VenuesPage />} />
          <Route path="venues/:venueId" element={<AvailabilityPage />} />
          <Route path="bookings/*" element={<BookingsPage />} />
          <Route path="me" element={<MePage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}
