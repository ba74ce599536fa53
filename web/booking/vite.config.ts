import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { bookingIcon, ICONS, THEME_COLOUR } from './build/icons';

/** Where `npm run booking:dev` sends API calls: a local cloud started with `npm start`. */
const api = process.env.BOOKING_API ?? `http://localhost:${process.env.PORT ?? 3000}`;

/** The PWA's path on the console's origin: the local cloud and CloudFront serve it there. */
const BASE = '/book/';

/** Libraries by chunk, highest priority first: React and its routing and state, then Ant Design's kit. */
const VENDOR_CHUNKS = [
  {
    name: 'react',
    test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-redux|@reduxjs|redux|immer|reselect|i18next|react-i18next)[\\/]/,
    priority: 20,
  },
  {
    name: 'antd',
    test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@emotion|dayjs|classnames|clsx)[\\/]/,
    priority: 10,
    minShareCount: 2,
  },
];

/** The icons are drawn at build time (build/icons.ts): no binary files in the repository. */
function icons(): Plugin {
  return {
    name: 'sbm-booking-icons',
    generateBundle() {
      for (const icon of ICONS)
        this.emitFile({
          type: 'asset',
          fileName: `icons/${icon.file}`,
          source: bookingIcon(icon.size, icon.safe),
        });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: BASE,
  plugins: [
    react(),
    icons(),
    VitePWA({
      // Registered by the app itself (src/app/service-worker.ts), in production builds only.
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        id: BASE,
        name: '商场预约 Mall bookings',
        short_name: '商场预约',
        description:
          '预约商场的餐厅、沙龙、活动和停车位。Book the mall’s restaurants, salons, events and parking.',
        lang: 'zh-CN',
        start_url: BASE,
        scope: BASE,
        display: 'standalone',
        orientation: 'portrait',
        theme_color: THEME_COLOUR,
        background_color: '#ffffff',
        icons: ICONS.filter((icon) => icon.file !== 'apple-touch-icon.png').map((icon) => ({
          src: `icons/${icon.file}`,
          sizes: `${icon.size}x${icon.size}`,
          type: 'image/png',
          purpose: icon.purpose,
        })),
      },
      workbox: {
        // The app shell: every built script, style and page, and the icons.
        globPatterns: ['**/*.{js,css,html,png,svg}'],
        navigateFallback: `${BASE}index.html`,
        navigateFallbackAllowlist: [/^\/book\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        runtimeCaching: [
          {
            // The venue list is reference data: shown at once from the cache, refreshed behind it.
            urlPattern: ({ url, request }) => request.method === 'GET' && url.pathname === '/v1/venues',
            handler: 'StaleWhileRevalidate',
            method: 'GET',
            options: {
              cacheName: 'venues',
              expiration: { maxEntries: 20, maxAgeSeconds: 7 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
          {
            // The member's bookings: always asked first, the last answer only when the network fails
            // (the offline banner then says it is not current).
            urlPattern: ({ url, request }) =>
              request.method === 'GET' && url.pathname.startsWith('/v1/bookings/me'),
            handler: 'NetworkFirst',
            method: 'GET',
            options: {
              cacheName: 'my-bookings',
              networkTimeoutSeconds: 4,
              expiration: { maxEntries: 20, maxAgeSeconds: 7 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  server: { port: 5174, proxy: { '/v1': { target: api, changeOrigin: false } } },
  build: {
    outDir: 'dist',
    // Which chunks the first page loads: the size budget (test/browser/booking.test.ts) reads it.
    manifest: true,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // The libraries change far less often than the screens: in chunks of their own, a release of
        // the app alone leaves them in the browser's (and the service worker's) cache.
        codeSplitting: { groups: VENDOR_CHUNKS },
      },
    },
  },
});
