/**
 * Registers the service worker of vite-plugin-pwa (Workbox, generated at build time) in production
 * builds only: the dev server has none, and an old worker must not serve a developer stale files. It
 * updates itself (registerType autoUpdate): a new build takes over at the next load.
 */
export async function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  registerSW({ immediate: true });
}
