// Tier ladders of 2 to 10 tiers with codes staff choose, end to end against DynamoDB Local: save the ladder,
// open an account, credit a sale that promotes, publish TierChanged, show the member's tier.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { tables } from '../../lib/db/tables';
import { createTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lib/local/dynamodb';
import { openPointsAccount } from '../../lib/loyalty/accounts';
import { creditPurchase } from '../../lib/loyalty/ledger';
import { apiEvent, lambdaContext } from '../support/lambda';
import { acceptingEventBridge, unique } from '../support/members';
import { staffCaller } from '../support/staff';

// The ladder is one item for the whole programme: this file saves its own in a table of its own, so that
// the other files' members keep the default ladder.
const mainTable = tables.main.envVar;
const sharedTable = process.env[mainTable];
beforeAll(async () => {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const name = `sbm-crm-it-ladders-${Math.random().toString(36).slice(2, 8)}`;
  await createTable(client, tables.main, name);
  client.destroy();
  process.env[mainTable] = name;
});
afterAll(() => {
  process.env[mainTable] = sharedTable;
});

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

let staff: Record<string, string>;
beforeAll(async () => {
  staff = await staffCaller(['admin']);
});
type Tier = { code: string; name: string; qualifyingPoints: number; benefits: string[] };

async function call(path: string, method: string, body: unknown, authorizer: Record<string, unknown>) {
  const handlers: Record<string, () => Promise<{ handler: (e: never, c: never) => Promise<unknown> }>> = {
    'PUT /v1/admin/loyalty/tiers': () => import('../../functions/loyalty/save-tier-ladder'),
    'GET /v1/loyalty/me': () => import('../../functions/loyalty/get-my-points-account'),
    'POST /v1/admin/loyalty/earning-rules': () => import('../../functions/loyalty/save-earning-rules'),
    'POST /v1/admin/campaigns': () => import('../../functions/campaigns/create-campaign'),
  };
  const { handler } = await handlers[`${method} ${path}`]!();
  const response = (await handler(
    apiEvent({
      method,
      path,
      authorizer,
      body: body === undefined ? undefined : JSON.stringify(body),
    }) as never,
    lambdaContext() as never,
  )) as { statusCode: number; body: string };
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}

const saveLadder = (tiers: unknown) => call('/v1/admin/loyalty/tiers', 'PUT', { tiers }, staff);
const myAccount = async (customerId: string) =>
  (await call('/v1/loyalty/me', 'GET', undefined, { kind: 'customer', customerId, sessionId: 's' })).body as {
    tier: { code: string; name: string };
    nextTier: { code: string } | null;
  };

/** A sale at `store-it` earning `points` (1 point per CNY, no tier multiplier for codes the rules do not name). */
const buy = (customerId: string, points: number) =>
  creditPurchase({
    kind: 'purchase',
    transaction: {
      transactionId: unique('T'),
      storeId: 'store-it',
      occurredAt: new Date().toISOString(),
      customer: { customerId },
      amount: points * 100,
      currency: 'CNY',
      items: [],
    },
    receivedAt: new Date().toISOString(),
    keyId: 'key-it',
    correlationId: unique('corr'),
  });

const tierChanges = (customerId: string) =>
  eventBridge
    .published()
    .filter((event) => event.type === 'TierChanged' && event.data.customerId === customerId)
    .map((event) => ({ from: event.data.from, to: event.data.to }));

describe('a ladder of 2 tiers', () => {
  const ladder: Tier[] = [
    { code: 'member', name: 'Member', qualifyingPoints: 0, benefits: [] },
    { code: 'vip', name: 'VIP', qualifyingPoints: 500, benefits: ['Free parking'] },
  ];

  it('opens accounts in its first tier and promotes to its second with a credit, end to end', async () => {
    expect(await saveLadder(ladder)).toMatchObject({ status: 200, body: { tiers: ladder } });
    const customerId = unique('c');
    await openPointsAccount(customerId);
    expect(await myAccount(customerId)).toMatchObject({
      tier: { code: 'member', name: 'Member' },
      nextTier: { code: 'vip' },
    });
    await buy(customerId, 499);
    expect(tierChanges(customerId)).toEqual([]);
    await buy(customerId, 1);
    expect(tierChanges(customerId)).toEqual([{ from: 'member', to: 'vip' }]);
    expect(await myAccount(customerId)).toMatchObject({
      tier: { code: 'vip', name: 'VIP', benefits: ['Free parking'] },
      nextTier: null,
    });
  });

  it('places a member who holds a tier the ladder no longer has at the tier their points reach', async () => {
    await saveLadder([
      { code: 'bronze', name: 'Bronze', qualifyingPoints: 0, benefits: [] },
      { code: 'silver', name: 'Silver', qualifyingPoints: 1000, benefits: [] },
    ]);
    const customerId = unique('c');
    await openPointsAccount(customerId);
    await saveLadder(ladder);
    expect((await myAccount(customerId)).tier).toEqual({ code: 'bronze', name: 'bronze', benefits: [] });
    await buy(customerId, 10);
    expect(tierChanges(customerId)).toEqual([{ from: 'bronze', to: 'member' }]);
    expect((await myAccount(customerId)).tier.code).toBe('member');
  });

  it('takes tier codes of the ladder in earning rules and campaigns, and refuses others naming the field', async () => {
    await saveLadder(ladder);
    const rules = {
      fenPerPoint: 100,
      tierMultipliers: { member: 1, vip: 2 },
      storeMultipliers: {},
      categoryMultipliers: {},
      excludedCategories: [],
      excludedSkus: [],
      minimumSpend: 0,
      lockDays: 0,
    };
    // Far beyond any sale the tests make, so that every credit keeps the default rules.
    const effectiveFrom = new Date(Date.now() + 200 * 365 * 86_400_000).toISOString();
    const saveRules = (tierMultipliers: Record<string, number>) =>
      call(
        '/v1/admin/loyalty/earning-rules',
        'POST',
        { effectiveFrom, rules: { ...rules, tierMultipliers } },
        staff,
      );
    expect((await saveRules({ member: 1, vip: 2 })).status).toBe(201);
    expect(await saveRules({ vip: 2, gold: 1.5 })).toMatchObject({
      status: 400,
      body: {
        errors: [
          {
            field: 'body.rules.tierMultipliers.gold',
            message: 'gold must be a tier of the ladder (member, vip)',
          },
        ],
      },
    });
    const campaign = (tiers: string[]) => ({
      name: unique('vip-days'),
      trigger: { kind: 'purchase' },
      conditions: { tiers },
      effects: { bonusPoints: { kind: 'fixed', points: 10 } },
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await call('/v1/admin/campaigns', 'POST', campaign(['vip']), staff)).status).toBe(201);
    expect(await call('/v1/admin/campaigns', 'POST', campaign(['vip', 'platinum']), staff)).toMatchObject({
      status: 400,
      body: {
        errors: [
          {
            field: 'body.conditions.tiers.1',
            message: 'tiers[1] must be a tier of the ladder (member, vip)',
          },
        ],
      },
    });
  });
});

describe('a ladder of 10 tiers', () => {
  const ladder: Tier[] = Array.from({ length: 10 }, (_, n) => ({
    code: `level-${n + 1}`,
    name: `Level ${n + 1}`,
    qualifyingPoints: n * 100,
    benefits: [],
  }));

  it('promotes through it, as far as a credit reaches at once, up to its top', async () => {
    expect((await saveLadder(ladder)).status).toBe(200);
    const customerId = unique('c');
    await openPointsAccount(customerId);
    expect((await myAccount(customerId)).tier.code).toBe('level-1');
    await buy(customerId, 450);
    expect(tierChanges(customerId)).toEqual([{ from: 'level-1', to: 'level-5' }]);
    expect(await myAccount(customerId)).toMatchObject({
      tier: { code: 'level-5', name: 'Level 5' },
      nextTier: { code: 'level-6' },
    });
    await buy(customerId, 5000);
    expect(tierChanges(customerId)).toEqual([
      { from: 'level-1', to: 'level-5' },
      { from: 'level-5', to: 'level-10' },
    ]);
    expect(await myAccount(customerId)).toMatchObject({ tier: { code: 'level-10' }, nextTier: null });
  });

  it('is refused beyond 10 tiers or below 2, and with codes repeated or thresholds that do not rise', async () => {
    const eleven = [...ladder, { code: 'level-11', name: 'Level 11', qualifyingPoints: 5000, benefits: [] }];
    expect((await saveLadder(eleven)).body.errors).toEqual([
      { field: 'body.tiers', message: 'tiers must have at most 10 items' },
    ]);
    expect((await saveLadder(ladder.slice(0, 1))).body.errors).toEqual([
      { field: 'body.tiers', message: 'tiers must have at least 2 items' },
    ]);
    const broken = ladder.slice(0, 3).map((tier) => ({ ...tier }));
    broken[0]!.qualifyingPoints = 10;
    broken[2]!.code = 'level-1';
    broken[2]!.qualifyingPoints = 100;
    expect((await saveLadder(broken)).body.errors).toEqual([
      {
        field: 'body.tiers.0.qualifyingPoints',
        message: 'qualifyingPoints must be 0: the first tier is where members start',
      },
      { field: 'body.tiers.2.code', message: 'code must differ from the codes before it' },
      {
        field: 'body.tiers.2.qualifyingPoints',
        message: 'qualifyingPoints must be above the threshold of the tier before it',
      },
    ]);
  });
});
