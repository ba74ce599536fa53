// Ready means ready: the local cloud answers health 200 only when a client can sign in and post sales.
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../lib/local/cloud';
import { freePort, posRequest, signIn, startTestCloud as start } from '../support/local-cloud';

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
