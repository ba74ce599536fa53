import { Button, Result } from 'antd';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { PublicShell, Shell } from '../features/shell/shell';
import { onDemand } from '../components/screen-loading';
import { RequireSession } from './require-session';

// Each screen is a chunk of its own, fetched when first opened (and precached by the service worker, so
// they open offline too): the first load carries only the shell and what every screen shares.
const SignInPage = lazy(() =>
  import('../features/sign-in/sign-in-page').then((module) => ({ default: module.SignInPage })),
);
const VenuesPage = lazy(() =>
  import('../features/venues/venues-page').then((module) => ({ default: module.VenuesPage })),
);
const AvailabilityPage = lazy(() =>
  import('../features/venues/availability-page').then((module) => ({ default: module.AvailabilityPage })),
);
const BookingsPage = lazy(() =>
  import('../features/bookings/bookings-page').then((module) => ({ default: module.BookingsPage })),
);
const MePage = lazy(() => import('../features/me/me-page').then((module) => ({ default: module.MePage })));

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
        <Route path="sign-in" element={onDemand(<SignInPage />)} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<Shell />}>
          <Route index element={onDemand(<VenuesPage />)} />
          <Route path="venues/:venueId" element={onDemand(<AvailabilityPage />)} />
          <Route path="bookings/*" element={onDemand(<BookingsPage />)} />
          <Route path="me" element={onDemand(<MePage />)} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}
