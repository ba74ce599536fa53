import { Flex, Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useShellProfile } from '@/features/shell';
import { useStoresAccess } from '../access';
import './stores.css';

/** Which tab a path of the section belongs to: a store's page is under the store list. */
const tabOf = (pathname: string) =>
  /\/stores\/unmatched\/?$/.test(pathname)
    ? 'unmatched'
    : /\/stores\/dead-letters\/?$/.test(pathname)
      ? 'deadLetters'
      : 'list';

/** The section's frame: its sub-menu (stores, unmatched sales, dead letters) above the screen shown. */
export function StoresLayout() {
  const { t } = useTranslation();
  const profile = useShellProfile();
  const access = useStoresAccess();
  const { pathname } = useLocation();
  const tabs = [
    access.readStores && { key: 'list', path: '/stores' },
    access.operatePos && { key: 'unmatched', path: '/stores/unmatched' },
    access.operatePos && access.everyStore && { key: 'deadLetters', path: '/stores/dead-letters' },
  ].filter((tab) => !!tab);
  return (
    <Flex vertical gap={20} className="page stores-section">
      <nav aria-label={t('stores.nav')}>
        <Menu
          mode="horizontal"
          selectedKeys={[tabOf(pathname)]}
          items={tabs.map((tab) => ({
            key: tab.key,
            label: <Link to={tab.path}>{t(`stores.tabs.${tab.key}`)}</Link>,
          }))}
          className="stores-tabs"
        />
      </nav>
      <Outlet context={profile} />
    </Flex>
  );
}
