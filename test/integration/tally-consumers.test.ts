// Counting consumers against DynamoDB Local: batches from an SQS buffer, each event counted exactly once
// however batches race, repeat or break the transaction size limit.
import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { dailySales } from '../../lib/analytics/daily-sales';
import { bufferedEvents, lambdaContext } from '../support/lambda';

const purchase = (storeId: string, n: number, amount = 1000 + n): EventBridgeEvent<string, unknown> => ({
  version: '0',
  id: `eb-${Math.random()}`,
  'detail-type': 'PurchaseRecorded',
  source: 'sbm.crm.loyalty',
  account: '000000000000',
  time: '2031-03-03T02:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    metadata: {
      eventId: `purchase-${storeId}-${n}`,
      schemaVersion: 1,
      correlationId: 'corr',
      occurredAt: '2031-03-03T02:00:00.000Z',
    },
    data: {
      customerId: 'c',
      storeId,
      transactionId: `T-${n}`,
      amount,
      currency: 'CNY',
      occurredAt: '2031-03-03T02:00:00.000Z',
      categories: ['fashion'],
      pointsEarned: 10,
    },
  },
});

const storeOn = async (day: string, storeId: string) =>
  (await dailySales(day)).stores.find((store) => store.storeId === storeId);

describe('daily sales from batches', () => {
  it('counts each purchase once when racing batches overlap and repeat events', async () => {
    const { handler } = await import('../../functions/analytics/record-daily-sales');
    const storeId = `race-${Math.random().toString(36).slice(2, 8)}`;
    const events = Array.from({ length: 60 }, (_, n) => purchase(storeId, n));
    // Ten batches at once over the same counter: each holds 20 events, most of them also in another batch.
    const batches = Array.from({ length: 10 }, (_, b) =>
      Array.from({ length: 20 }, (_, i) => events[(b * 6 + i) % events.length]!),
    );
    const answers = await Promise.all(
      batches.map((batch) => handler(bufferedEvents(batch), lambdaContext())),
    );
    // A batch that conflicts too often is sent back whole, and SQS delivers it again.
    for (const [b, answer] of answers.entries())
      if (answer.batchItemFailures.length > 0) await handler(bufferedEvents(batches[b]!), lambdaContext());
    expect(await storeOn('2031-03-03', storeId)).toMatchObject({
      purchases: 60,
      revenue: events.reduce((sum, _, n) => sum + 1000 + n, 0),
      pointsIssued: 600,
    });
  });

  it('splits a batch too big for one transaction and still counts every purchase once', async () => {
    const { handler } = await import('../../functions/analytics/record-daily-sales');
    const prefix = `big-${Math.random().toString(36).slice(2, 8)}`;
    // 150 purchases at 30 stores: 150 markers and 30 counters need more than one 100-item transaction.
    const events = Array.from({ length: 150 }, (_, n) => purchase(`${prefix}-${n % 30}`, n, 100));
    expect(await handler(bufferedEvents(events), lambdaContext())).toEqual({ batchItemFailures: [] });
    await handler(bufferedEvents(events.slice(40, 90)), lambdaContext());
    const stores = (await dailySales('2031-03-03')).stores.filter((store) =>
      store.storeId.startsWith(prefix),
    );
    expect(stores).toHaveLength(30);
    expect(stores.every((store) => store.purchases === 5 && store.revenue === 500)).toBe(true);
  });

  it('sends back only a poison event and counts the rest of its batch', async () => {
    const { handler } = await import('../../functions/analytics/record-daily-sales');
    const storeId = `poison-${Math.random().toString(36).slice(2, 8)}`;
    const poison = purchase(storeId, 99);
    (poison.detail as { data: { amount: unknown } }).data.amount = 'lots';
    const batch = bufferedEvents([purchase(storeId, 1), poison, purchase(storeId, 2)]);
    expect(await handler(batch, lambdaContext())).toEqual({
      batchItemFailures: [{ itemIdentifier: batch.Records[1]!.messageId }],
    });
    expect(await storeOn('2031-03-03', storeId)).toMatchObject({ purchases: 2, revenue: 2003 });
  });

  it('reads a store day kept before shards together with new purchases', async () => {
    const { handler } = await import('../../functions/analytics/record-daily-sales');
    const { documents } = await import('../../lib/db/client');
    const { tableNameFromEnv } = await import('../../lib/db/tables');
    const storeId = `legacy-${Math.random().toString(36).slice(2, 8)}`;
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: {
        pk: 'ANALYTICS#DAILY#2031-03-03',
        sk: `STORE#${storeId}`,
        day: '2031-03-03',
        storeId,
        purchases: 2,
        revenue: 500,
        pointsIssued: 5,
      },
    });
    await handler(bufferedEvents([purchase(storeId, 1), purchase(storeId, 2)]), lambdaContext());
    expect(await storeOn('2031-03-03', storeId)).toMatchObject({
      purchases: 4,
      revenue: 500 + 1001 + 1002,
      pointsIssued: 25,
      pointsReversed: 0,
    });
  });

  it('does not count again an event the consumer applied before it took batches', async () => {
    const { handler } = await import('../../functions/analytics/record-daily-sales');
    const { eventHandler } = await import('../../lib/events/consumer');
    const consumerOfBefore = eventHandler(
      { event: 'PurchaseRecorded', consumer: 'analytics.recordDailySales' },
      async () => undefined,
    );
    const storeId = `before-${Math.random().toString(36).slice(2, 8)}`;
    const applied = purchase(storeId, 1);
    // The one-event consumer of before remembered it with a Powertools Idempotency record.
    await consumerOfBefore(applied, lambdaContext());
    await handler(bufferedEvents([applied, purchase(storeId, 2)]), lambdaContext());
    expect(await storeOn('2031-03-03', storeId)).toMatchObject({ purchases: 1, revenue: 1002 });
  });
});
