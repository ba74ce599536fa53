import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests call handlers one invocation at a time, as Lambda does. The local cloud of
 * the end-to-end run sets AWS_LAMBDA_MAX_CONCURRENCY in the runner's process (lib/local/lambda.ts), and
 * workers forked after it would inherit it; empty, Powertools keeps its per-process state.
 */
const oneInvocationAtATime = { AWS_LAMBDA_MAX_CONCURRENCY: '' };

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/support/unit-env.ts'],
          env: oneInvocationAtATime,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          setupFiles: ['test/support/integration-env.ts'],
          env: oneInvocationAtATime,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'cdk',
          include: ['test/cdk/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/local-cloud-global-setup.ts'],
          // The shared local cloud runs in the main process, which sets AWS_LAMBDA_MAX_CONCURRENCY once it
          // installs its InvokeStore; files that start a cloud of their own install theirs on first invocation
          // (lib/local/lambda.ts), so they must not inherit the setting without the store.
          env: { AWS_LAMBDA_MAX_CONCURRENCY: '' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The front ends' components and modules, rendered in happy-dom and queried by role. `@` is the
        // console's src; the booking PWA imports relatively. Each front end's setup checks its own catalogues.
        plugins: [react()],
        resolve: { alias: { '@': fileURLToPath(new URL('./web/console/src', import.meta.url)) } },
        test: {
          name: 'web',
          include: ['web/*/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          environmentOptions: { happyDOM: { url: 'http://localhost:3000/console/' } },
          setupFiles: ['web/console/src/testing/setup.ts', 'web/booking/src/testing/setup.ts'],
        },
      },
      {
        // The built console in Debian's Chromium against a local cloud of its own.
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/console-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The page answers over the network, and analytics counts a sale within seconds.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
