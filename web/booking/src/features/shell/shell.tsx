import { CalendarOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useAppSelector } from '../../app/hooks';
import { LanguageSwitch } from '../../components/language-switch';
import { OfflineBanner } from '../../components/offline-banner';
import { selectSession } from '../session/session-slice';
import { PointsBalance } from './points-balance';

/** The header every screen has: the app's name, the member's points when signed in, the language. */
export function AppHeader({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <h1>{t('app.name')}</h1>
      <PointsBalance skip={!signedIn} />
      <LanguageSwitch />
    </header>
  );
}

const TABS = [
  { to: '/', key: 'venues', icon: <ShopOutlined aria-hidden />, end: true },
  { to: '/bookings', key: 'bookings', icon: <CalendarOutlined aria-hidden />, end: false },
  { to: '/me', key: 'me', icon: <UserOutlined aria-hidden />, end: false },
] as const;

/** The bottom tab bar: venues, my bookings, me. */
export function TabBar() {
  const { t } = useTranslation();
  return (
    <nav className="tab-bar" aria-label={t('app.tabs.label')}>
      {TABS.map((tab) => (
        <NavLink key={tab.key} to={tab.to} end={tab.end}>
          {tab.icon}
          <span>{t(`app.tabs.${tab.key}`)}</span>
        </NavLink>
      ))}
    </nav>
  );
}

/** The signed-in screens: header, offline banner, the screen, the tab bar. */
export function Shell() {
  const session = useAppSelector(selectSession);
  return (
    <div className="app">
      <AppHeader signedIn={session.status === 'signedIn'} />
      <OfflineBanner />
      <main className="screen">
        <Outlet />
      </main>
      <TabBar />
    </div>
  );
}

/** Screens before sign-in: the header and the offline banner, no tab bar. */
export function PublicShell() {
  return (
    <div className="app">
      <AppHeader signedIn={false} />
      <OfflineBanner />
      <main className="screen">
        <Outlet />
      </main>
    </div>
  );
}
