// The POS intake: what it puts on the queue, and the sales it refuses before anything is queued.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Problem } from '../../lib/http/problem';
import type { PosTransaction } from '../../lib/pos/messages';

process.env.POS_QUEUE_URL = 'http://127.0.0.1:9/000000000000/pos';
// The stage's default window, whatever the runner's environment holds.
process.env.POS_LATE_SALE_DAYS = '30';
const sqs = mockClient(SQSClient);
afterAll(() => sqs.restore());
beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
});

const till = { kind: 'pos' as const, keyId: 'key-1', storeId: 'store-a' };
const MINUTE = 60_000;
const saleAt = (occurredAt: Date): PosTransaction => ({
  transactionId: `T-${occurredAt.getTime()}`,
  storeId: 'store-a',
  occurredAt: occurredAt.toISOString(),
  customer: { customerId: 'c-1' },
  amount: 12_800,
  currency: 'CNY',
  items: [],
});

describe('acceptPurchase', () => {
  it('refuses a sale dated more than 5 minutes ahead of now with 400 naming occurredAt, queuing nothing', async () => {
    const { acceptPurchase } = await import('../../lib/pos/intake');
    const now = new Date();
    for (const ahead of [5 * MINUTE + 1, 60 * MINUTE, 4 * 365 * 24 * 60 * MINUTE]) {
      const refused = await acceptPurchase(till, saleAt(new Date(now.getTime() + ahead)), 'c', now).catch(
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(Problem);
      expect(refused).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        extra: { errors: [{ field: 'body.occurredAt', message: expect.stringMatching(/^occurredAt /) }] },
      });
    }
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('accepts a sale up to 5 minutes ahead (a till clock running fast) and past sales within 30 days', async () => {
    const { acceptPurchase } = await import('../../lib/pos/intake');
    const now = new Date();
    for (const ahead of [5 * MINUTE, MINUTE, 0, -30 * 24 * 60 * MINUTE])
      expect(await acceptPurchase(till, saleAt(new Date(now.getTime() + ahead)), 'c', now)).toMatchObject({
        status: 'accepted',
      });
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(4);
  });

  it('refuses a sale older than the 30-day window for late uploads with 422 SALE_TOO_OLD, queuing nothing', async () => {
    const { acceptPurchase } = await import('../../lib/pos/intake');
    const now = new Date();
    for (const occurredAt of [
      new Date(now.getTime() - 30 * 24 * 60 * MINUTE - MINUTE),
      new Date(now.getTime() - 400 * 24 * 60 * MINUTE),
      new Date('1999-12-31T16:00:00Z'),
    ]) {
      const refused = await acceptPurchase(till, saleAt(occurredAt), 'c', now).catch(
        (error: unknown) => error,
      );
      expect(refused).toMatchObject({ status: 422, code: 'SALE_TOO_OLD' });
    }
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('judges the time against the clock when no now is given', async () => {
    const { acceptPurchase } = await import('../../lib/pos/intake');
    const tomorrow = new Date(Date.now() + 24 * 60 * MINUTE);
    await expect(acceptPurchase(till, saleAt(tomorrow), 'c')).rejects.toMatchObject({ status: 400 });
    await expect(acceptPurchase(till, saleAt(new Date()), 'c')).resolves.toMatchObject({
      status: 'accepted',
    });
  });
});
