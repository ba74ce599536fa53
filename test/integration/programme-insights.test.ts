// Members per tier and the earn preview against DynamoDB Local, through their handlers: members counted
// once per registration and tier change however batches repeat, and a preview that earns what a credit
// would under the version in force at its moment, writing nothing.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv, tables } from '../../lib/db/tables';
import { createTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lib/local/dynamodb';
import { createStore } from '../../lib/pos/stores';
import { DEFAULT_EARNING_RULES, pointsForPurchase } from '../../lib/loyalty/earning';
import { bufferedEvents, apiEvent, lambdaContext } from '../support/lambda';
import { unique } from '../support/members';
import { staffCaller } from '../support/staff';

// The ladder, the earning rules and the tier counters are one each for the whole programme: this file
// keeps its own in a table of its own, so the other files' members keep the defaults.
const mainTable = tables.main.envVar;
const sharedTable = process.env[mainTable];
let admin: Record<string, string>;
beforeAll(async () => {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const name = `sbm-crm-it-insights-${Math.random().toString(36).slice(2, 8)}`;
  await createTable(client, tables.main, name);
  client.destroy();
  process.env[mainTable] = name;
  admin = await staffCaller(['admin']);
});
afterAll(() => {
  process.env[mainTable] = sharedTable;
});

type Answer = { status: number; body: Record<string, unknown> };
async function call(
  route: string,
  authorizer: Record<string, unknown>,
  body?: unknown,
  query?: Record<string, string>,
): Promise<Answer> {
  const handlers: Record<string, () => Promise<{ handler: (e: never, c: never) => Promise<unknown> }>> = {
    'GET /v1/admin/analytics/members-by-tier': () => import('../../functions/analytics/get-members-by-tier'),
    'GET /v1/admin/analytics/daily-sales': () => import('../../functions/analytics/get-daily-sales'),
    'POST /v1/admin/loyalty/earn-preview': () => import('../../functions/loyalty/preview-earning'),
    'POST /v1/admin/loyalty/earning-rules': () => import('../../functions/loyalty/save-earning-rules'),
    'PUT /v1/admin/loyalty/tiers': () => import('../../functions/loyalty/save-tier-ladder'),
  };
  const [method, path] = route.split(' ') as [string, string];
  const { handler } = await handlers[route]!();
  const response = (await handler(
    apiEvent({
      method,
      path,
      authorizer,
      query,
      body: body === undefined ? undefined : JSON.stringify(body),
    }) as never,
    lambdaContext() as never,
  )) as { statusCode: number; body: string };
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}

const event = (detailType: string, eventId: string, data: unknown): EventBridgeEvent<string, unknown> => ({
  version: '0',
  id: `eb-${Math.random()}`,
  'detail-type': detailType,
  source: detailType === 'TierChanged' ? 'sbm.crm.loyalty' : 'sbm.crm.customers',
  account: '000000000000',
  time: '2026-11-11T02:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    metadata: { eventId, schemaVersion: 1, correlationId: 'corr', occurredAt: '2026-11-11T02:00:00.000Z' },
    data,
  },
});
const registered = (customerId: string) =>
  event('CustomerRegistered', `registered-${customerId}`, {
    customerId,
    channel: 'wechat-mini-program',
    registeredAt: '2026-11-11T02:00:00.000Z',
  });
const changed = (customerId: string, from: string, to: string) =>
  event('TierChanged', `tier-${customerId}-${from}-${to}`, {
    customerId,
    from,
    to,
    qualifyingPoints: 1000,
    changedAt: '2026-11-11T02:00:01.000Z',
  });

describe('members per tier', () => {
  it('counts each registration and tier change once, however batches race and repeat, in ladder order', async () => {
    const { handler } = await import('../../functions/analytics/record-members-by-tier');
    const ladder = [
      { code: 'member', name: '会员', qualifyingPoints: 0, benefits: [] },
      { code: 'vip', name: '贵宾', qualifyingPoints: 500, benefits: ['免费停车'] },
      { code: 'black-card', name: '黑卡', qualifyingPoints: 5000, benefits: [] },
    ];
    expect((await call('PUT /v1/admin/loyalty/tiers', admin, { tiers: ladder })).status).toBe(200);
    const members = Array.from({ length: 12 }, () => unique('m'));
    const events = [
      ...members.map(registered),
      ...members.slice(0, 5).map((id) => changed(id, 'member', 'vip')),
      ...members.slice(0, 2).map((id) => changed(id, 'vip', 'black-card')),
      // A member promoted under an older ladder's code, which this one dropped.
      changed(members[11]!, 'member', 'gold'),
    ];
    // Four batches at once, each overlapping the next, then one batch delivered again whole.
    const batches = Array.from({ length: 4 }, (_, b) => events.slice(b * 4, b * 4 + 10));
    const answers = await Promise.all(
      batches.map((batch) => handler(bufferedEvents(batch), lambdaContext())),
    );
    for (const [b, answer] of answers.entries())
      if (answer.batchItemFailures.length > 0) await handler(bufferedEvents(batches[b]!), lambdaContext());
    await handler(bufferedEvents(events), lambdaContext());
    await handler(bufferedEvents(events.slice(3, 9)), lambdaContext());

    expect(await call('GET /v1/admin/analytics/members-by-tier', admin)).toEqual({
      status: 200,
      body: {
        tiers: [
          { code: 'member', name: '会员', inLadder: true, members: 6 },
          { code: 'vip', name: '贵宾', inLadder: true, members: 3 },
          { code: 'black-card', name: '黑卡', inLadder: true, members: 2 },
          { code: 'gold', name: 'gold', inLadder: false, members: 1 },
        ],
        totalMembers: 12,
      },
    });
  });

  it('is programme-wide: not for a store manager, whose analytics reach only their stores', async () => {
    const manager = await staffCaller(['store_manager'], ['plaza-b1-017']);
    expect(await call('GET /v1/admin/analytics/members-by-tier', manager)).toMatchObject({ status: 403 });
  });
});

describe('the reports per store', () => {
  it('name each store as staff gave it, beside its id, for staff who cannot read the store list', async () => {
    const { handler } = await import('../../functions/analytics/record-daily-sales');
    const storeId = unique('plaza')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-');
    await createStore({ storeId, name: '星巴克 B1 层' });
    const sale = event('PurchaseRecorded', unique('sale'), {
      customerId: 'c',
      storeId,
      transactionId: 'T-1',
      amount: 12_800,
      currency: 'CNY',
      occurredAt: '2026-11-11T02:00:00.000Z',
      categories: [],
      pointsEarned: 128,
    });
    await handler(bufferedEvents([sale]), lambdaContext());
    const analyst = await staffCaller(['analyst']);
    const day = await call('GET /v1/admin/analytics/daily-sales', analyst, undefined, { day: '2026-11-11' });
    expect(day.status).toBe(200);
    expect(
      (day.body.stores as { storeId: string }[]).find((store) => store.storeId === storeId),
    ).toMatchObject({
      storeName: '星巴克 B1 层',
      revenue: 12_800,
    });
  });
});

describe('the earn preview', () => {
  const sample = {
    tier: 'vip',
    storeId: 'plaza-b1-017',
    amount: 28_600,
    occurredAt: '2026-12-01T14:30:00+08:00',
    items: [
      { sku: 'SKU-1', category: 'apparel', quantity: 2, unitPrice: 12_800 },
      { sku: 'SKU-2', category: 'tobacco', quantity: 1, unitPrice: 3_000 },
    ],
  };
  const countItems = async () =>
    (await documents.scan({ TableName: tableNameFromEnv('main'), Select: 'COUNT' })).Count;

  it('earns what the credit would under the version in force at the moment, scheduled ones included, writing nothing', async () => {
    const rules = {
      ...DEFAULT_EARNING_RULES,
      tierMultipliers: { member: 1, vip: 2 },
      storeMultipliers: { 'plaza-b1-017': 1.5 },
      excludedCategories: ['tobacco'],
    };
    // A version from far ahead: today's sample still earns under the built-in rules.
    const scheduledFrom = '2090-01-01T00:00:00+08:00';
    const saved = await call('POST /v1/admin/loyalty/earning-rules', admin, {
      effectiveFrom: scheduledFrom,
      rules,
    });
    expect(saved.status).toBe(201);

    const before = await countItems();
    const now = await call('POST /v1/admin/loyalty/earn-preview', admin, sample);
    const purchase = { storeId: sample.storeId, amount: sample.amount, items: sample.items };
    expect(now).toEqual({
      status: 200,
      body: {
        points: pointsForPurchase(purchase, DEFAULT_EARNING_RULES, 'vip'),
        version: 0,
        effectiveFrom: '1970-01-01T00:00:00.000Z',
        tierMultiplier: 1,
        storeMultiplier: 1,
        fenPerPoint: 100,
        minimumSpend: 0,
        excludedLines: 0,
        lockDays: 0,
      },
    });
    const later = await call('POST /v1/admin/loyalty/earn-preview', admin, {
      ...sample,
      occurredAt: '2090-03-01T12:00:00+08:00',
    });
    // 2 x 128 CNY of apparel (tobacco excluded; the 286 CNY paid covers the lines in full) x 1.5 x 2.
    expect(later).toMatchObject({
      status: 200,
      body: {
        points: 768,
        version: saved.body.version,
        effectiveFrom: '2089-12-31T16:00:00.000Z',
        tierMultiplier: 2,
        storeMultiplier: 1.5,
        excludedLines: 1,
      },
    });
    expect(later.body.points).toBe(pointsForPurchase(purchase, { ...rules }, 'vip'));
    expect(await countItems()).toBe(before);
  });

  it('refuses a tier the ladder does not have, and staff who may not configure the programme', async () => {
    expect(
      await call('POST /v1/admin/loyalty/earn-preview', admin, { ...sample, tier: 'diamond' }),
    ).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', errors: [{ field: 'body.tier' }] },
    });
    expect(await call('POST /v1/admin/loyalty/earn-preview', admin, { ...sample, amount: -1 })).toMatchObject(
      { status: 400, body: { errors: [{ field: 'body.amount' }] } },
    );
    const analyst = await staffCaller(['analyst']);
    expect(await call('POST /v1/admin/loyalty/earn-preview', analyst, sample)).toMatchObject({ status: 403 });
  });
});
