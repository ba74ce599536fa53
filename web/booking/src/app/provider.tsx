import { App, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useSyncExternalStore, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { Provider } from 'react-redux';
import { i18n } from '../lib/i18n';
import type { AppStore } from './store';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function usePrefersReducedMotion(): boolean {
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
 * Ant Design in the language chosen, with the console's colours (chosen for WCAG AA contrast) and larger
 * controls for fingers; no animation for those whose system asks for reduced motion.
 */
function ThemedAntDesign({ children }: { children: ReactNode }) {
  const { i18n: current } = useTranslation();
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={current.language === 'en-US' ? enUS : zhCN}
      button={{ autoInsertSpace: false }}
      componentSize="large"
      theme={{
        token: {
          motion: !reducedMotion,
          colorPrimary: '#1456c9',
          colorPrimaryHover: '#0f4aa8',
          colorPrimaryActive: '#0c3d8c',
          colorLink: '#1456c9',
          colorLinkHover: '#0f4aa8',
          colorError: '#cf1322',
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
          borderRadius: 8,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
        },
      }}
    >
      <App component={false}>{children}</App>
    </ConfigProvider>
  );
}

/** Everything a screen needs around it but the router: the store, the language and Ant Design. */
export function AppProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return (
    <Provider store={store}>
      <I18nextProvider i18n={i18n}>
        <ThemedAntDesign>{children}</ThemedAntDesign>
      </I18nextProvider>
    </Provider>
  );
}
