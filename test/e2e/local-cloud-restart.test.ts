// A local cloud with a data folder keeps its queues and dead letters across a restart (same ports, as
// `npm start` run again would have them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, json, posRequest, signIn, startTestCloud as start } from '../support/local-cloud';

describe('the local cloud restarting', () => {
  it('keeps queues and dead letters in its data folder across a restart', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbm-crm-restart-'));
    try {
      const ports = { port: await freePort(), dynamoPort: await freePort() };
      let cloud = await start({ data: { dir }, ...ports });
      // A refund whose sale never comes: retried, then dead-lettered with its reason.
      const refund = { refundId: 'R-restart', transactionId: 'T-never', storeId: 'demo-store', amount: 100 };
      expect((await posRequest(cloud.url, '/v1/pos/refunds', refund)).status).toBe(202);
      const deadLetters = async (url: string) => {
        const token = (await signIn(url)).body.accessToken as string;
        const letters = await json(`${url}/v1/admin/pos/dead-letters`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return letters.body as { items: { messageId: string; lastError: { code: string } }[]; total: number };
      };
      for (let tries = 0; (await deadLetters(cloud.url)).total === 0; tries++) {
        expect(tries).toBeLessThan(100);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const before = await deadLetters(cloud.url);
      // A second refund still being retried when the cloud stops.
      await cloud.sqs.stop();
      expect(
        (await posRequest(cloud.url, '/v1/pos/refunds', { ...refund, refundId: 'R-in-flight' })).status,
      ).toBe(202);
      await cloud.stop();

      cloud = await start({ data: { dir }, ...ports });
      try {
        // The message that was waiting is delivered after the restart, and dead-lettered in its turn.
        for (let tries = 0; (await deadLetters(cloud.url)).total < 2; tries++) {
          expect(tries).toBeLessThan(100);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const after = await deadLetters(cloud.url);
        expect(after.items).toContainEqual(before.items[0]);
        expect(after.items.map((letter) => letter.lastError.code)).toEqual([
          'NOT_YET_PROCESSABLE',
          'NOT_YET_PROCESSABLE',
        ]);
      } finally {
        await cloud.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
