import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Where `npm run console:dev` sends API calls: a local cloud started with `npm start`. */
const api = process.env.CONSOLE_API ?? `http://localhost:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The local cloud and CloudFront serve the console under /console/, the API beside it under /v1.
  base: '/console/',
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { port: 5173, proxy: { '/v1': { target: api, changeOrigin: false } } },
  build: {
    outDir: 'dist',
    // Which chunks the first page loads: the bench and the budget read it.
    manifest: true,
    emptyOutDir: true,
    target: 'es2022',
    // The sign-in page's budget is what the browser fetches first; a chunk warning at 600 KB says little.
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
});
