// The reconciliation against DynamoDB Local: a seeded random week of purchases (some pending, some with a
// campaign bonus), refunds, redemptions and their cancellations, staff adjustments and expiry runs, many
// of them replayed, written by the domain functions themselves. Every event they publish is filed into an
// archive as the local cloud files it (some twice), and the archive must balance with the ledger exactly;
// then the same archive with one event dropped, or the ledger with an entry added, must not.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { DuckDbArchiveEngine } from '../../lib/analytics/archive/duckdb-engine';
import { LocalArchive } from '../../lib/analytics/archive/local-archive';
import { reconcile } from '../../lib/analytics/reconcile/reconcile';
import type { ReportTable } from '../../lib/analytics/reports/contract';
import { seededRandom } from '../../lib/bench/stats';
import { programmeToday } from '../../lib/calendar';
import { campaignDefinitionSchema } from '../../lib/campaigns/model';
import { changeCampaignStatus, createCampaign } from '../../lib/campaigns/store';
import { awardPurchaseCampaigns, reverseCampaignBonuses } from '../../lib/campaigns/triggers';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv, tables } from '../../lib/db/tables';
import { createTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lib/local/dynamodb';
import { LocalEventBridge } from '../../lib/local/eventbridge';
import { openPointsAccount } from '../../lib/loyalty/accounts';
import { adjustPoints } from '../../lib/loyalty/adjustments';
import { DEFAULT_EARNING_RULES } from '../../lib/loyalty/earning';
import { saveEarningRules } from '../../lib/loyalty/earning-rules-store';
import { runExpiry } from '../../lib/loyalty/expiry-run';
import { creditPurchase, releaseDuePendingPoints, reversePurchase } from '../../lib/loyalty/ledger';
import { createReward } from '../../lib/rewards/catalogue';
import { cancelRedemption, redeemReward } from '../../lib/rewards/redemption';
import { unique } from '../support/members';

// The ledger is read whole: this file keeps a table of its own, so other files' entries do not count.
const mainTable = tables.main.envVar;
const sharedTable = process.env[mainTable];

const eventBridge = mockClient(EventBridgeClient);
eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
  FailedEntryCount: 0,
  Entries: input.Entries.map(() => ({ EventId: 'e' })),
}));
const publishedEntries = (): PutEventsRequestEntry[] =>
  eventBridge.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []);

// A week of business days in Shanghai, far from whenever the test runs: 3 to 9 March 2031.
const DAY_MS = 86_400_000;
const START = Date.parse('2031-03-02T16:00:00.000Z');
const DAYS = 7;
const PERIOD = { from: '2031-03-02', to: '2031-03-10' };
const CAMPAIGN_STORE = 'store-bonus';
const PLAIN_STORE = 'store-plain';
const BONUS = 50;

const random = seededRandom(20310303);
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

/** The moment the next operation happens; the clock every write and every publish reads. */
function setClock(instant: number): Date {
  vi.setSystemTime(instant);
  return new Date(instant);
}

/** Operations refused as a member would be (not enough points, already cancelled) change nothing. */
const unlessRefused = (work: Promise<unknown>) =>
  work.catch((error: { status?: number }) => {
    if (error.status !== 409) throw error;
  });

interface Sale {
  customerId: string;
  storeId: string;
  transactionId: string;
  amount: number;
  refunded: number;
}

const counts: Record<string, number> = {};
const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);

/** Runs the workload: each operation at its own moment, in time order; answers what was done. */
async function runWorkload() {
  const members = Array.from({ length: 6 }, () => unique('reconcile-member'));
  const sales: Sale[] = [];
  const redemptions: { customerId: string; redemptionId: string }[] = [];
  // Every operation done, to be done again later as a redelivery or a retried request would.
  const done: ((now: Date) => Promise<unknown>)[] = [];
  const correlationId = 'corr-reconcile';

  const setup = setClock(START - DAY_MS);
  for (const customerId of members) await openPointsAccount(customerId, setup);
  // Points live two days so the week's expiry runs expire some; sales from the fourth day stay pending.
  const { expiry: _default, ...terms } = DEFAULT_EARNING_RULES;
  await saveEarningRules(
    { ...terms, lockDays: 0, expiry: { mode: 'after-days', days: 1 } },
    new Date(START - DAY_MS).toISOString(),
    'staff-reconcile',
    setup,
  );
  await saveEarningRules(
    { ...terms, lockDays: 2 },
    new Date(START + 3 * DAY_MS).toISOString(),
    'staff-reconcile',
    setup,
  );
  const campaign = await createCampaign(
    campaignDefinitionSchema.parse({
      name: 'Reconciliation bonus',
      trigger: { kind: 'purchase' },
      effects: { bonusPoints: { kind: 'fixed', points: BONUS } },
      startsAt: '2031-01-01T00:00:00Z',
      endsAt: '2031-12-31T00:00:00Z',
      conditions: { stores: [CAMPAIGN_STORE] },
    }),
    setup,
  );
  await changeCampaignStatus(campaign.campaignId, 'activate', setup);
  const reward = await createReward(
    { name: 'Reconciliation reward', type: 'physical', pointsCost: 30, stock: 100_000, voucherValidDays: 30 },
    setup,
  );

  const operations = {
    async purchase(now: Date) {
      const sale: Sale = {
        customerId: pick(members),
        storeId: random() < 0.4 ? CAMPAIGN_STORE : PLAIN_STORE,
        transactionId: unique('T'),
        amount: between(500, 40_000),
        refunded: 0,
      };
      sales.push(sale);
      const message = {
        kind: 'purchase' as const,
        transaction: {
          transactionId: sale.transactionId,
          storeId: sale.storeId,
          // Tills report the sale a little before it reaches the platform.
          occurredAt: new Date(now.getTime() - between(0, 3_600_000)).toISOString(),
          customer: { customerId: sale.customerId },
          amount: sale.amount,
          currency: 'CNY' as const,
          items: [],
        },
        receivedAt: now.toISOString(),
        keyId: 'key-reconcile',
        correlationId,
      };
      const credit = async (at: Date) => {
        await creditPurchase(message, at);
        // The purchase-campaigns consumer, on the PurchaseRecorded event.
        if (sale.storeId === CAMPAIGN_STORE)
          await awardPurchaseCampaigns(
            {
              customerId: sale.customerId,
              storeId: sale.storeId,
              transactionId: sale.transactionId,
              amount: sale.amount,
              occurredAt: message.transaction.occurredAt,
              categories: [],
              pointsEarned: Math.floor(sale.amount / 100),
            },
            correlationId,
          );
      };
      await credit(now);
      done.push(credit);
    },
    async refund(now: Date) {
      const sale = sales.filter((candidate) => candidate.refunded < candidate.amount).at(-between(1, 4));
      if (!sale) return;
      const amount = between(1, sale.amount - sale.refunded);
      sale.refunded += amount;
      const refundId = unique('R');
      const refund = async (at: Date) => {
        await reversePurchase({
          kind: 'refund',
          refund: { refundId, transactionId: sale.transactionId, storeId: sale.storeId, amount },
          receivedAt: at.toISOString(),
          keyId: 'key-reconcile',
          correlationId,
        });
        if (sale.storeId === CAMPAIGN_STORE)
          await reverseCampaignBonuses(
            {
              customerId: sale.customerId,
              storeId: sale.storeId,
              transactionId: sale.transactionId,
              refundId,
              refundAmount: amount,
            },
            correlationId,
            at,
          );
      };
      await refund(now);
      done.push(refund);
    },
    async redeem(now: Date) {
      const customerId = pick(members);
      const idempotencyKey = unique('redeem');
      const quantity = between(1, 2);
      const redeem = (at: Date) =>
        unlessRefused(
          redeemReward({ customerId, rewardId: reward.id, quantity, idempotencyKey, correlationId }, at).then(
            ({ result, replayed }) => {
              if (!replayed) redemptions.push({ customerId, redemptionId: result.redemptionId });
            },
          ),
        );
      await redeem(now);
      done.push(redeem);
    },
    async cancel(now: Date) {
      const redemption = redemptions.splice(between(0, redemptions.length - 1), 1)[0];
      if (!redemption) return;
      const cancel = (at: Date) =>
        unlessRefused(
          cancelRedemption(redemption.customerId, redemption.redemptionId, 'changed mind', correlationId, at),
        );
      await cancel(now);
      done.push(cancel);
    },
    async adjust(now: Date) {
      const customerId = pick(members);
      const points = random() < 0.6 ? between(1, 200) : -between(1, 150);
      const idempotencyKey = unique('adjust');
      const adjust = (at: Date) =>
        unlessRefused(
          adjustPoints(
            {
              customerId,
              points,
              reasonCode: points > 0 ? 'goodwill' : 'correction',
              note: 'reconciliation workload',
              staffId: 'staff-reconcile',
              idempotencyKey,
              correlationId,
            },
            at,
          ),
        );
      await adjust(now);
      done.push(adjust);
    },
    async expire(now: Date) {
      const expire = (at: Date) => runExpiry(at, correlationId);
      await expire(now);
      done.push(expire);
    },
    async release(now: Date) {
      await releaseDuePendingPoints(now);
    },
    /** A redelivered message, a retried request or a rerun schedule: the same operation once more. */
    async replay(now: Date) {
      if (done.length === 0) return;
      count('replays');
      await pick(done)(now);
    },
  };
  const weights: [keyof typeof operations, number][] = [
    ['purchase', 8],
    ['refund', 2],
    ['redeem', 3],
    ['cancel', 1.5],
    ['adjust', 2],
    ['expire', 1],
    ['release', 0.5],
    ['replay', 3],
  ];
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  const instants = Array.from({ length: 150 }, () => {
    const at = START + Math.floor(random() * DAYS * DAY_MS);
    // One in five falls on either side of a Shanghai midnight (16:00 UTC).
    if (random() < 0.2) return Math.floor((at - START) / DAY_MS) * DAY_MS + START - (random() < 0.5 ? 1 : 0);
    return at;
  }).sort((a, b) => a - b);
  for (const instant of instants) {
    let roll = random() * total;
    const [name] = weights.find(([, weight]) => (roll -= weight) < 0) ?? weights[0]!;
    count(name);
    await operations[name](setClock(instant));
  }
}

/**
 * Files published entries into a memory archive as the local cloud does (its EventBridge accepts each
 * and hands it to the archive), with the duplicates real delivery makes: an event published twice gets a
 * new EventBridge id, a record delivered twice is the same record again.
 */
function archiveOf(entries: PutEventsRequestEntry[]): LocalArchive {
  const archive = new LocalArchive(undefined);
  const duplicates = seededRandom(7);
  const bus = new LocalEventBridge({
    busName: process.env.EVENT_BUS_NAME!,
    rules: [],
    invoke: async () => undefined,
    retryAttempts: 0,
    retryBaseDelayMs: 0,
    onAccepted: (event) => {
      expect(archive.accept(event), event['detail-type']).toBe(true);
      if (duplicates() < 0.05) archive.accept(event);
    },
  });
  for (const entry of entries)
    for (let copy = duplicates() < 0.1 ? 2 : 1; copy > 0; copy--)
      expect(bus.putEvents({ Entries: [entry as Record<string, unknown>] }).FailedEntryCount).toBe(0);
  return archive;
}

async function reconcileArchiveOf(entries: PutEventsRequestEntry[]): Promise<ReportTable> {
  return reconcile(PERIOD, { engine: await DuckDbArchiveEngine.open(archiveOf(entries)) });
}

const detailOf = (entry: PutEventsRequestEntry) =>
  JSON.parse(entry.Detail!) as {
    metadata: { eventId: string; occurredAt: string };
    data: { points: number; status?: string };
  };
const totalRow = (table: ReportTable, movement: string) =>
  table.rows.find((row) => row[0] === null && row[1] === movement)!;
const dayRows = (table: ReportTable) => table.rows.filter((row) => row[0] !== null);

let entries: PutEventsRequestEntry[];
beforeAll(async () => {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const name = `sbm-crm-it-reconcile-${Math.random().toString(36).slice(2, 8)}`;
  await createTable(client, tables.main, name);
  client.destroy();
  process.env[mainTable] = name;
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    await runWorkload();
  } finally {
    vi.useRealTimers();
  }
  entries = publishedEntries();
}, 240_000);
afterAll(() => {
  process.env[mainTable] = sharedTable;
  eventBridge.restore();
});

describe('the reconciliation of the archive against the ledger', () => {
  it('balances to the point on every day and movement after a replayed, duplicated random workload', async () => {
    const table = await reconcileArchiveOf(entries);
    expect(dayRows(table)).toEqual([]);
    expect(table.rows.map((row) => row[4])).toEqual([0, 0, 0, 0, 0, 0]);
    // The workload moved points every way, and was replayed: the balance above is not one of empties.
    for (const movement of ['issued', 'redeemed', 'redemptions_cancelled', 'expired', 'reversed'])
      expect(totalRow(table, movement)[3], movement).toBeGreaterThan(0);
    expect(totalRow(table, 'adjusted')[3]).not.toBe(0);
    expect(counts.replays).toBeGreaterThan(5);
    const earned = entries.filter((entry) => entry.DetailType === 'PointsEarned').map(detailOf);
    expect(earned.some((detail) => detail.data.status === 'pending')).toBe(true);
    expect(entries.filter((entry) => entry.DetailType === 'PointsReversed').map(detailOf)).toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ campaignId: expect.any(String) }) }),
    );
  });

  it('shows an event the archive lost on its day and movement, by its points', async () => {
    const lost = entries.filter((entry) => entry.DetailType === 'PointsRedeemed').map(detailOf)[3]!;
    const day = programmeToday(new Date(lost.metadata.occurredAt));
    const table = await reconcileArchiveOf(
      entries.filter((entry) => detailOf(entry).metadata.eventId !== lost.metadata.eventId),
    );
    const [, , archived, recorded, difference] = totalRow(table, 'redeemed');
    expect(difference).toBe(-lost.data.points);
    expect(archived).toBe((recorded as number) - lost.data.points);
    expect(dayRows(table)).toEqual([
      [day, 'redeemed', expect.any(Number), expect.any(Number), -lost.data.points],
    ]);
  });

  it('shows an event first published after midnight as two day differences that net to zero', async () => {
    // A crash after the credit and before its events: the retry publishes them the next business day.
    const late = entries.find(
      (entry) => entry.DetailType === 'PointsEarned' && detailOf(entry).metadata.occurredAt < '2031-03-08',
    )!;
    const detail = detailOf(late);
    const day = programmeToday(new Date(detail.metadata.occurredAt));
    const nextMidnight = Date.parse(`${day}T16:00:00.000Z`);
    const retried = {
      ...late,
      Detail: JSON.stringify({
        ...detail,
        metadata: { ...detail.metadata, occurredAt: new Date(nextMidnight + 30_000).toISOString() },
      }),
    };
    const table = await reconcileArchiveOf([
      ...entries.filter((entry) => detailOf(entry).metadata.eventId !== detail.metadata.eventId),
      retried,
    ]);
    expect(totalRow(table, 'issued')[4]).toBe(0);
    expect(dayRows(table)).toEqual([
      [day, 'issued', expect.any(Number), expect.any(Number), -detail.data.points],
      [
        programmeToday(new Date(nextMidnight + 30_000)),
        'issued',
        expect.any(Number),
        expect.any(Number),
        detail.data.points,
      ],
    ]);
  });

  it('shows a ledger entry no event announced', async () => {
    const at = '2031-03-05T03:00:00.000Z';
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: {
        pk: `CUSTOMER#${unique('unannounced')}`,
        sk: `LEDGER#${at}#adjust:unannounced`,
        type: 'adjust',
        points: 7,
        balanceDelta: 7,
        pendingDelta: 0,
        source: { kind: 'adjustment' },
        at,
      },
    });
    const table = await reconcileArchiveOf(entries);
    expect(totalRow(table, 'adjusted')[4]).toBe(-7);
    expect(dayRows(table)).toEqual([['2031-03-05', 'adjusted', expect.any(Number), expect.any(Number), -7]]);
  });
});
