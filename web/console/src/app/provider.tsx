import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useSyncExternalStore, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { Provider } from 'react-redux';
import { i18n } from '@/lib/i18n';
import type { AppStore } from './store';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Whether the staff member's system asks for reduced motion (an accessibility setting), kept current. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia?.(REDUCED_MOTION);
      query?.addEventListener('change', changed);
      return () => query?.removeEventListener('change', changed);
    },
    () => window.matchMedia?.(REDUCED_MOTION).matches ?? false,
    () => false,
  );
}

/**
 * Ant Design in the language chosen, with the console's few theme choices; without its animations for
 * those whose system asks for reduced motion (menus and dialogs then appear at once).
 */
function ThemedAntDesign({ children }: { children: ReactNode }) {
  const { i18n: current } = useTranslation();
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={current.language === 'en-US' ? enUS : zhCN}
      // "登录", not "登 录": a label reads (and is found by screen readers) as written.
      button={{ autoInsertSpace: false }}
      theme={{
        // Ant Design's default secondary text (45% black) and error red fall short of WCAG AA's 4.5:1.
        token: {
          motion: !reducedMotion,
          colorPrimary: '#1456c9',
          // Ant Design lightens a hovered primary button, below 4.5:1 for its white label; darken instead.
          colorPrimaryHover: '#0f4aa8',
          colorPrimaryActive: '#0c3d8c',
          colorLink: '#1456c9',
          // A hovered link is lightened by default, below 4.5:1 on the page's grey: darken it as buttons are.
          colorLinkHover: '#0f4aa8',
          colorLinkActive: '#0c3d8c',
          colorError: '#cf1322',
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          // Placeholders of selects are text on the page (axe checks them): 25% black is 1.9:1.
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
        },
      }}
    >
      {children}
    </ConfigProvider>
  );
}

/** Everything a page needs around it but the router: the store, the language and Ant Design. */
export function AppProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return (
    <Provider store={store}>
      <I18nextProvider i18n={i18n}>
        <ThemedAntDesign>{children}</ThemedAntDesign>
      </I18nextProvider>
    </Provider>
  );
}
