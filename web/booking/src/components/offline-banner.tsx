import { useTranslation } from 'react-i18next';
import { useOnline } from '../lib/connectivity';

/**
 * A band across the top while the PWA cannot reach the API: what shows is the service worker's last
 * copy. A live region, so a screen reader says it when it appears.
 */
export function OfflineBanner({ online = undefined }: { online?: boolean }) {
  const { t } = useTranslation();
  const browserOnline = useOnline();
  const isOnline = online ?? browserOnline;
  return (
    <div role="status" aria-live="polite" className="offline-slot">
      {isOnline ? null : (
        <div className="offline-banner">
          <strong>{t('app.offlineShort')}</strong> {t('app.offline')}
        </div>
      )}
    </div>
  );
}
