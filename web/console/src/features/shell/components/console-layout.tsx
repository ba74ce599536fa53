import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  GiftOutlined,
  LogoutOutlined,
  NotificationOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
  IdcardOutlined,
} from '@ant-design/icons';
import { App, Button, Flex, Layout, Menu, Result, Space, Typography } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate, useOutletContext } from 'react-router';
import { useAppDispatch } from '@/app/hooks';
import { LanguageSwitch } from '@/components/language-switch';
import { PageSpinner } from '@/components/page-spinner';
import { allowedSections, sections, type SectionKey } from '@/config/sections';
import { AccountSecurityButton, signOut, useStaffProfile, type StaffProfile } from '@/features/auth';

const ICONS: Record<SectionKey, ReactNode> = {
  dashboard: <DashboardOutlined />,
  customers: <IdcardOutlined />,
  rewards: <GiftOutlined />,
  campaigns: <NotificationOutlined />,
  stores: <ShopOutlined />,
  bookings: <CalendarOutlined />,
  venues: <EnvironmentOutlined />,
  programme: <SettingOutlined />,
  analytics: <BarChartOutlined />,
  staff: <TeamOutlined />,
  audit: <AuditOutlined />,
};

/** The section a path belongs to: the longest section path it starts with. */
const sectionOf = (pathname: string) =>
  [...sections]
    .sort((a, b) => b.path.length - a.path.length)
    .find((section) => pathname === section.path || pathname.startsWith(`${section.path}/`))?.key;

/** The signed-in staff member, for the screens inside the shell (the shell shows them only once it is known). */
export const useShellProfile = () => useOutletContext<StaffProfile>();

/** One layout for every screen behind sign-in: the menu the permissions allow, language, who, sign-out. */
export function ConsoleLayout() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { profile, error, refetch } = useStaffProfile();
  const [signingOut, setSigningOut] = useState(false);

  const leave = async () => {
    setSigningOut(true);
    await dispatch(signOut());
  };

  if (!profile && !error) return <PageSpinner fullPage />;
  if (!profile)
    return (
      <Result
        status="error"
        title={<h1 className="result-heading">{t('shell.profileFailed')}</h1>}
        subTitle={problemText(error, t, i18n.language)}
        extra={[
          <Button key="retry" type="primary" onClick={refetch}>
            {t('app.retry')}
          </Button>,
          <Button key="sign-out" onClick={() => void leave()}>
            {t('shell.signOut')}
          </Button>,
        ]}
      />
    );

  const allowed = allowedSections(profile.permissions);
  return (
    // App gives every section its message, notification and confirmation hooks (`App.useApp()`), themed
    // and in the console's language; here rather than around the sign-in page, which loads first and lean.
    <App component={false}>
      <Layout className="console-layout">
        <Layout.Sider width={224} theme="light" className="console-sider" breakpoint="lg" collapsedWidth={72}>
          <div className="console-brand">
            <span className="console-brand-name">{t('app.name')}</span>
            <span className="console-brand-product">{t('app.console')}</span>
          </div>
          <nav aria-label={t('shell.menu')}>
            <Menu
              mode="inline"
              selectedKeys={[sectionOf(pathname) ?? '']}
              items={allowed.map((section) => ({
                key: section.key,
                icon: ICONS[section.key],
                label: t(`menu.${section.key}`),
                onClick: () => void navigate(section.path),
              }))}
              style={{ borderInlineEnd: 'none' }}
            />
          </nav>
        </Layout.Sider>
        <Layout>
          <Layout.Header className="console-header">
            <Flex align="center" justify="flex-end" gap={24} style={{ height: '100%' }}>
              <LanguageSwitch />
              <Space size={8}>
                <UserOutlined aria-hidden />
                <span className="visually-hidden">{t('shell.signedInAs')}</span>
                <Typography.Text strong className="console-staff-name" title={profile.email ?? undefined}>
                  {profile.name}
                </Typography.Text>
              </Space>
              <AccountSecurityButton />
              <Button icon={<LogoutOutlined />} loading={signingOut} onClick={() => void leave()}>
                {signingOut ? t('shell.signingOut') : t('shell.signOut')}
              </Button>
            </Flex>
          </Layout.Header>
          <Layout.Content className="console-content">
            <main>
              <Suspense fallback={<PageSpinner />}>
                <Outlet context={profile satisfies StaffProfile} />
              </Suspense>
            </main>
          </Layout.Content>
        </Layout>
      </Layout>
    </App>
  );
}
