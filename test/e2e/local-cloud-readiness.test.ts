// Ready means ready: the local cloud answers health 200 only when a client can sign in and post sales.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../lib/local/cloud';
import { signPosRequest } from '../../lib/pos/signature';

const ADMIN = { email: 'admin@sbm.local', password: 'lifecycle-admin-password' };

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const start = (options: Partial<LocalCloudOptions> = {}) =>
  startLocalCloud({
    port: 0,
    data: 'memory',
    logLevel: 'SILENT',
    adminPassword: ADMIN.password,
    queueVisibilityTimeoutMs: 100,
    ...options,
  });

async function json(url: string, init: RequestInit = {}) {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

const signIn = (url: string) =>
  json(`${url}/v1/admin/auth/login`, { method: 'POST', body: JSON.stringify(ADMIN) });

function posRequest(url: string, path: string, payload: unknown) {
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

describe('the local cloud starting', () => {
  it('answers health 503 while it starts, and at the first 200 the demo admin signs in and a till posts', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const starting = start({ port });
    const seen: number[] = [];
    let cloud: LocalCloud | undefined;
    try {
      for (;;) {
        const health = await fetch(`${url}/health`).then(
          async (response) => ({ status: response.status, body: (await response.json()) as unknown }),
          () => undefined,
        );
        if (health) {
          seen.push(health.status);
          if (health.status === 200) break;
          expect(health).toEqual({ status: 503, body: { status: 'starting' } });
          // The API waits too, with a problem a client can read.
          const early = await signIn(url);
          if (early.status !== 200) expect(early.body).toMatchObject({ code: 'STARTING' });
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const admin = await signIn(url);
      expect(admin.status).toBe(200);
      const sale = await posRequest(url, '/v1/pos/transactions', {
        transactionId: 'T-first-after-ready',
        storeId: 'demo-store',
        occurredAt: new Date().toISOString(),
        customer: { customerId: 'NOBODY' },
        amount: 100,
        currency: 'CNY',
        items: [],
      });
      expect(sale.status).toBe(202);
      // Health was polled while the demo data was being seeded.
      expect(seen).toContain(503);
    } finally {
      cloud = await starting;
      await cloud.stop();
    }
  });
});
