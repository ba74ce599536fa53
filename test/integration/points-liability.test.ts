// The points liability report against DynamoDB Local: movements from every kind of points event.
import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { pointsLiability } from '../../lib/analytics/points-liability';
import { lambdaContext } from '../support/lambda';

const event = (detailType: string, data: Record<string, unknown>): EventBridgeEvent<string, unknown> => ({
  version: '0',
  id: `eb-${Math.random()}`,
  'detail-type': detailType,
  source: 'sbm.crm.loyalty',
  account: '000000000000',
  time: '2026-11-11T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    metadata: {
      eventId: `${detailType}-${Math.random()}`,
      schemaVersion: 1,
      correlationId: 'c',
      occurredAt: '2026-11-11T00:00:00.000Z',
    },
    data,
  },
});

describe('points liability', () => {
  it('counts outstanding points from issues, reversals, redemptions, cancellations, expiry and adjustments', async () => {
    const { handler } = await import('../../functions/analytics/record-points-movements');
    const source = { kind: 'purchase', storeId: 'liability-store', transactionId: 'T-1' };
    const events = [
      event('PointsEarned', {
        customerId: 'c',
        points: 1000,
        status: 'available',
        source,
        earnedAt: '2026-11-11T00:00:00.000Z',
      }),
      event('PointsEarned', {
        customerId: 'c',
        points: 500,
        status: 'pending',
        source: { ...source, transactionId: 'T-2' },
        earnedAt: '2026-11-11T00:00:00.000Z',
      }),
      event('PointsReversed', {
        customerId: 'c',
        points: 100,
        storeId: 'liability-store',
        transactionId: 'T-1',
        refundId: 'R-1',
        refundAmount: 10000,
      }),
      event('PointsRedeemed', {
        customerId: 'c',
        redemptionId: 'r1',
        rewardId: 'w',
        quantity: 1,
        points: 300,
        redeemedAt: '2026-11-11T00:00:00.000Z',
      }),
      event('RedemptionCancelled', {
        customerId: 'c',
        redemptionId: 'r1',
        rewardId: 'w',
        points: 300,
        reason: 'staff',
      }),
      event('PointsExpired', {
        customerId: 'c',
        points: 200,
        lot: '2026-10',
        expiredAt: '2026-10-31T16:00:00.000Z',
      }),
      event('PointsAdjusted', {
        customerId: 'c',
        points: -50,
        reasonCode: 'correction',
        staffId: 's',
        adjustmentId: 'a',
      }),
    ];
    for (const e of events) await handler(e, lambdaContext());
    await handler(events[0]!, lambdaContext()); // a redelivery changes nothing
    const report = await pointsLiability(2);
    expect(report).toMatchObject({
      outstandingPoints: 1000 + 500 - 100 - 300 + 300 - 200 - 50,
      outstandingValueFen: 1150 * 2,
      movements: { issued: 1500, reversed: 100, redeemed: 0, expired: 200, adjusted: -50 },
    });
    expect(report.byStoreOfIssue).toEqual([
      { storeId: 'liability-store', issued: 1500, reversed: 100, netIssued: 1400, netIssuedValueFen: 2800 },
    ]);
  });

  it('reads the totals kept before store shards together with new movements, counting nothing twice', async () => {
    const { documents } = await import('../../lib/db/client');
    const { tableNameFromEnv } = await import('../../lib/db/tables');
    const { recordPointsMovement } = await import('../../lib/analytics/points-liability');
    const before = await pointsLiability(1);
    const TableName = tableNameFromEnv('main');
    // As the old layout kept an issue of 70 at a store: on a total shard and on the store's one item.
    await documents.update({
      TableName,
      Key: { pk: 'ANALYTICS#LIABILITY', sk: 'TOTAL#3' },
      UpdateExpression: 'ADD outstanding :p, issued :p',
      ExpressionAttributeValues: { ':p': 70 },
    });
    await documents.put({
      TableName,
      Item: { pk: 'ANALYTICS#LIABILITY', sk: 'STORE#legacy-shop', issued: 70 },
    });
    await recordPointsMovement('issued', 30, 'legacy-shop');
    const after = await pointsLiability(1);
    expect(after.outstandingPoints - before.outstandingPoints).toBe(100);
    expect(after.movements.issued - before.movements.issued).toBe(100);
    expect(after.byStoreOfIssue.find((store) => store.storeId === 'legacy-shop')).toMatchObject({
      issued: 100,
    });
  });
});
