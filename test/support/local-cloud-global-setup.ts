import type { TestProject } from 'vitest/node';
import { startLocalCloud } from '../../lib/local/cloud';

declare module 'vitest' {
  export interface ProvidedContext {
    cloudUrl: string;
    cloudDynamoEndpoint: string;
  }
}

/** One local cloud, in memory on a free port, for every end-to-end test file; they talk to it over HTTP. */
export default async function setup(project: TestProject) {
  const cloud = await startLocalCloud({
    port: 0,
    data: 'memory',
    logLevel: 'SILENT',
    eventRetryBaseDelayMs: 50,
    queueVisibilityTimeoutMs: 500,
    adminPassword: 'e2e-admin-password',
  });
  project.provide('cloudUrl', cloud.url);
  project.provide('cloudDynamoEndpoint', cloud.dynamoEndpoint);
  return () => cloud.stop();
}
