// A local cloud of a test's own, started in this process, and calls to it as a client makes them (for
// the tests of the cloud's own life: start-up, restarts, faults).
import { startLocalCloud, type LocalCloudOptions } from '../../lib/local/cloud';
export { freePort } from '../../lib/local/ports';
import { signPosRequest } from '../../lib/pos/signature';

export const ADMIN = { email: 'admin@sbm.local', password: 'lifecycle-admin-password' };

/** A cloud in memory on a free port, with the demo admin's password and a short visibility timeout. */
export const startTestCloud = (options: Partial<LocalCloudOptions> = {}) =>
  startLocalCloud({
    port: 0,
    data: 'memory',
    logLevel: 'SILENT',
    adminPassword: ADMIN.password,
    queueVisibilityTimeoutMs: 100,
    ...options,
  });

export async function json(url: string, init: RequestInit = {}) {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

export const signIn = (url: string) =>
  json(`${url}/v1/admin/auth/login`, { method: 'POST', body: JSON.stringify(ADMIN) });

/** A request signed with the demo store's POS key. */
export function posRequest(url: string, path: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return json(`${url}${path}`, {
    method: 'POST',
    body,
    headers: {
      'x-pos-key': 'demo-pos-key',
      'x-pos-timestamp': timestamp,
      'x-pos-signature': signPosRequest('demo-pos-secret', timestamp, body),
    },
  });
}
