// The points liability report against DynamoDB Local: movements from every kind of points event.
import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { dailySales } from '../../lib/analytics/daily-sales';
import { pointsLiability } from '../../lib/analytics/points-liability';
import { apiEvent, bufferedEvents, lambdaContext } from '../support/lambda';
import { staffCaller } from '../support/staff';

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
    const before = await pointsLiability(2);
    expect(await handler(bufferedEvents(events), lambdaContext())).toEqual({ batchItemFailures: [] });
    // A redelivery, alone and within a batch, changes nothing.
    await handler(bufferedEvents([events[0]!]), lambdaContext());
    await handler(bufferedEvents([events[6]!, events[0]!]), lambdaContext());
    const after = await pointsLiability(2);
    const change = (field: 'issued' | 'reversed' | 'redeemed' | 'expired' | 'adjusted') =>
      after.movements[field] - before.movements[field];
    expect(after.outstandingPoints - before.outstandingPoints).toBe(1000 + 500 - 100 - 300 + 300 - 200 - 50);
    expect(after.outstandingValueFen - before.outstandingValueFen).toBe(1150 * 2);
    expect([
      change('issued'),
      change('reversed'),
      change('redeemed'),
      change('expired'),
      change('adjusted'),
    ]).toEqual([1500, 100, 0, 200, -50]);
    expect(after.byStoreOfIssue.find((store) => store.storeId === 'liability-store')).toEqual({
      storeId: 'liability-store',
      issued: 1500,
      reversed: 100,
      netIssued: 1400,
      netIssuedValueFen: 2800,
    });
  });

  it('reads the totals kept before store shards together with new movements, counting nothing twice', async () => {
    const { documents } = await import('../../lib/db/client');
    const { tableNameFromEnv } = await import('../../lib/db/tables');
    const { handler } = await import('../../functions/analytics/record-points-movements');
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
    const issue = event('PointsEarned', {
      customerId: 'c',
      points: 30,
      status: 'available',
      source: { kind: 'purchase', storeId: 'legacy-shop', transactionId: 'T-9' },
      earnedAt: '2026-11-11T00:00:00.000Z',
    });
    await handler(bufferedEvents([issue]), lambdaContext());
    const after = await pointsLiability(1);
    expect(after.outstandingPoints - before.outstandingPoints).toBe(100);
    expect(after.movements.issued - before.movements.issued).toBe(100);
    expect(after.byStoreOfIssue.find((store) => store.storeId === 'legacy-shop')).toMatchObject({
      issued: 100,
    });
  });

  it('means by points issued what the daily sales mean: purchase points and campaign bonuses, each counted once', async () => {
    const movements = (await import('../../functions/analytics/record-points-movements')).handler;
    const sales = (await import('../../functions/analytics/record-daily-sales')).handler;
    const storeId = `issued-${Math.random().toString(36).slice(2, 8)}`;
    // A business day no other test counts in: its bonuses without a store are this test's alone.
    const day = '2032-02-02';
    const at = '2032-02-02T04:00:00.000Z';
    const purchase = event('PurchaseRecorded', {
      customerId: 'c',
      storeId,
      transactionId: 'T-1',
      amount: 10_000,
      currency: 'CNY',
      occurredAt: at,
      categories: [],
      pointsEarned: 100,
    });
    const credits = [
      event('PointsEarned', {
        customerId: 'c',
        points: 100,
        status: 'available',
        source: { kind: 'purchase', storeId, transactionId: 'T-1' },
        earnedAt: at,
      }),
      event('PointsEarned', {
        customerId: 'c',
        points: 20,
        status: 'available',
        source: { kind: 'campaign', campaignId: 'double-days', storeId },
        earnedAt: at,
      }),
      event('PointsEarned', {
        customerId: 'c',
        points: 7,
        status: 'available',
        source: { kind: 'campaign', campaignId: 'birthday' },
        earnedAt: at,
      }),
      event('PointsAdjusted', {
        customerId: 'c',
        points: 50,
        reasonCode: 'goodwill',
        staffId: 's',
        adjustmentId: 'a-issued',
      }),
    ];
    const before = await pointsLiability(1);
    await sales(bufferedEvents([purchase]), lambdaContext());
    // Racing batches that overlap, then a redelivery: every event counts once in both reports.
    await Promise.all([
      movements(bufferedEvents(credits.slice(0, 3)), lambdaContext()),
      movements(bufferedEvents(credits.slice(1)), lambdaContext()),
    ]);
    await movements(bufferedEvents(credits), lambdaContext());
    const after = await pointsLiability(1);
    const report = await dailySales(day);
    expect(report.stores).toEqual([
      {
        day,
        storeId,
        purchases: 1,
        revenue: 10_000,
        pointsIssued: 120,
        pointsIssuedBreakdown: { purchases: 100, campaignBonuses: 20 },
        pointsReversed: 0,
      },
    ]);
    expect(report.campaignBonusesWithoutStore).toBe(7);
    expect(report.totals).toMatchObject({
      pointsIssued: 127,
      pointsIssuedBreakdown: { purchases: 100, campaignBonuses: 27 },
    });
    expect(after.movements.issued - before.movements.issued).toBe(report.totals.pointsIssued);
    expect(after.movements.adjusted - before.movements.adjusted).toBe(50);

    // A store manager sees their store's figures, and no bonus of no store in their totals.
    const { handler } = await import('../../functions/analytics/get-daily-sales');
    const response = await handler(
      apiEvent({
        method: 'GET',
        path: '/v1/admin/analytics/daily-sales',
        query: { day },
        authorizer: await staffCaller(['store_manager'], [storeId]),
      }),
      lambdaContext(),
    );
    expect(JSON.parse(response.body)).toMatchObject({
      campaignBonusesWithoutStore: 0,
      totals: { pointsIssued: 120, pointsIssuedBreakdown: { purchases: 100, campaignBonuses: 20 } },
    });
  });
});
