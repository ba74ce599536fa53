// Faults injected into the POS consumer of a local cloud of this test's own: start-ups that fail,
// invocations that time out while their work goes on, DynamoDB calls that fail before they reach the
// table or after a transaction committed, events that cannot be published. Every accepted sale must end
// credited exactly once, kept unmatched with its reason, or dead-lettered with its reason.
import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClients } from '../../lib/aws-clients';
import { dailySales } from '../../lib/analytics/daily-sales';
import { programmeToday } from '../../lib/calendar';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { startLocalCloud, type LocalCloud } from '../../lib/local/cloud';
import { localInvocation } from '../../lib/local/lambda';
import { pointsAccountKey } from '../../lib/loyalty/accounts';
import { purchaseKey } from '../../lib/loyalty/ledger';
import { listLedger } from '../../lib/loyalty/ledger-listing';
import { signPosRequest } from '../../lib/pos/signature';
import { queues } from '../../lib/queues/definitions';
import { lastDeliveryFailures } from '../../lib/queues/failures';

const CONSUMER = 'creditPosTransactions';
const MEMBERS = 12;
const SALES = 300;
const UNKNOWN_CUSTOMER_SALES = 20;
const STARTUP_FAILURES = 2;
const POS_MAX_RECEIVES = queues.pos.maxReceiveCount;

/** A reproducible draw, so a failing run can be run again as it was. */
function seededRandom(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const seed = Number(process.env.FAULT_SEED ?? 20_261_206);
const random = seededRandom(seed);
const injected = { startup: 0, timeout: 0, beforeCall: 0, afterCommit: 0, publish: 0 };
const chances = { ...injected };
let faultsOn = true;
const inConsumer = () => localInvocation.getStore()?.functionName === CONSUMER;

/** Whether this chance of a fault is taken: at random, and on its fifth chance whatever the draw, so each kind happens. */
function fault(kind: keyof typeof injected, probability: number) {
  if (!faultsOn) return false;
  chances[kind]++;
  const taken = chances[kind] === 5 || random() < probability;
  if (taken) injected[kind]++;
  return taken;
}

let cloud: LocalCloud;
let consumerInvocations = 0;

type Send = (args: unknown) => Promise<unknown>;
interface MiddlewareStack {
  add(
    middleware: (next: Send, context: { commandName?: string }) => Send,
    options: { step: 'initialize'; name: string },
  ): void;
}

/** Makes a fraction of the consumer's calls through `client` fail, before or after they are sent. */
function injectFaults(client: { middlewareStack: MiddlewareStack }, service: 'dynamo' | 'bus') {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!inConsumer()) return next(args);
      const command = context.commandName ?? '';
      if (service === 'bus' && fault('publish', 0.08)) {
        throw Object.assign(new Error('Injected: EventBridge unreachable'), { name: 'InjectedFault' });
      }
      if (service === 'dynamo' && fault('beforeCall', 0.03)) {
        throw Object.assign(new Error(`Injected: ${command} failed before reaching the table`), {
          name: 'InjectedFault',
        });
      }
      const result = await next(args);
      if (service === 'dynamo' && command.startsWith('TransactWrite') && fault('afterCommit', 0.1)) {
        throw Object.assign(new Error('Injected: connection lost after the transaction committed'), {
          name: 'InjectedFault',
        });
      }
      return result;
    },
    { step: 'initialize', name: 'injectFaults' },
  );
}

beforeAll(async () => {
  cloud = await startLocalCloud({
    port: 0,
    data: 'memory',
    logLevel: 'SILENT',
    eventRetryBaseDelayMs: 20,
    queueVisibilityTimeoutMs: 150,
    adminPassword: 'fault-admin-password',
    aroundInvoke: async (name, event, invoke) => {
      if (name !== CONSUMER) return invoke();
      consumerInvocations++;
      // A message's last delivery reaches the handler, so that a dead letter has the reason it reported.
      const lastChance = (event as SQSEvent).Records.some(
        (record) => Number(record.attributes.ApproximateReceiveCount) >= POS_MAX_RECEIVES,
      );
      if (lastChance) return invoke();
      if (consumerInvocations <= STARTUP_FAILURES) injected.startup++;
      if (consumerInvocations <= STARTUP_FAILURES || fault('startup', 0.04)) {
        throw new Error('Injected: the function failed to start');
      }
      if (fault('timeout', 0.04)) {
        // Lambda gives up on the invocation; its work goes on (and may finish) unseen.
        const running = invoke();
        running.catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, random() * 30));
        throw new Error('Injected: Task timed out');
      }
      return invoke();
    },
  });
  injectFaults((await awsClients.dynamo()) as never, 'dynamo');
  injectFaults((await awsClients.eventBridge()) as never, 'bus');
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
});

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${cloud.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Posts a signed sale as the demo store's till does, again while the key is throttled. */
async function postSale(sale: Record<string, unknown>) {
  for (;;) {
    const body = JSON.stringify(sale);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(`${cloud.url}/v1/pos/transactions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-pos-key': 'demo-pos-key',
        'x-pos-timestamp': timestamp,
        'x-pos-signature': signPosRequest('demo-pos-secret', timestamp, body),
      },
      body,
    });
    await response.text();
    if (response.status === 202) return;
    if (response.status !== 429) throw new Error(`The sale was refused with ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function memberWithAccount(code: string) {
  const { body } = await call<{ customer: { id: string } }>('POST', '/v1/auth/wechat/login', { code });
  const customerId = body.customer.id;
  for (let tries = 0; tries < 100; tries++) {
    const { Item } = await documents.get({
      TableName: tableNameFromEnv('main'),
      Key: pointsAccountKey(customerId),
    });
    if (Item) return customerId;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No points account for ${customerId}`);
}

/** Until the POS queue is empty, work that outlived a timed-out invocation is done, and events are counted. */
async function settled() {
  expect(await cloud.sqs.drained(180_000, CONSUMER), 'the POS queue drains').toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await cloud.eventBridge.idle();
  expect(await cloud.sqs.drained(60_000), 'every queue drains').toBe(true);
}

type SaleRecord = Record<string, unknown>;

async function creditedRecords(
  sales: { storeId: string; transactionId: string }[],
  recordOf: (sale: { storeId: string; transactionId: string }) => Promise<SaleRecord | undefined>,
) {
  const records = await Promise.all(sales.map(recordOf));
  return records.filter((record): record is SaleRecord => record?.status === 'credited');
}

/** Each member's balance, purchase count and ledger are their credited sales, each once. */
async function expectCreditedOnce(members: string[], credited: SaleRecord[]) {
  for (const customerId of members) {
    const mine = credited.filter((record) => record.customerId === customerId);
    const { Item: account } = await documents.get({
      TableName: tableNameFromEnv('main'),
      Key: pointsAccountKey(customerId),
      ConsistentRead: true,
    });
    const points = mine.reduce((sum, record) => sum + Number(record.points), 0);
    expect(account).toMatchObject({ balance: points, lifetimeEarned: points, purchaseCount: mine.length });
    const ledger = await listLedger(customerId, { limit: 1000, type: 'earn' });
    expect(ledger.items).toHaveLength(mine.length);
  }
}

const saleFor = (customerId: string) => ({
  transactionId: `T-${randomUUID()}`,
  storeId: 'demo-store',
  occurredAt: new Date().toISOString(),
  customer: { customerId },
  amount: 100 + Math.floor(random() * 50_000),
  currency: 'CNY',
  items: [],
});

describe('POS consumer under injected faults', () => {
  it(
    `credits each of ${SALES} accepted sales once, keeps unknown members' aside, and dead-letters only with a reason`,
    {
      timeout: 240_000,
    },
    async () => {
      // The first message after start meets start-ups that fail.
      const first = await memberWithAccount(`fault-first-${seed}`);
      const members = [first];
      const sales = [saleFor(first)];
      await postSale(sales[0]!);
      for (let i = 1; i < MEMBERS; i++) members.push(await memberWithAccount(`fault-${seed}-${i}`));
      for (let i = 1; i < SALES; i++) sales.push(saleFor(members[Math.floor(random() * MEMBERS)]!));
      const strangers = Array.from({ length: UNKNOWN_CUSTOMER_SALES }, () =>
        saleFor(`NOBODY-${randomUUID()}`),
      );
      const all = [...sales.slice(1), ...strangers].sort(() => random() - 0.5);
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < all.length) await postSale(all[next++]!);
        }),
      );

      await settled();
      const table = tableNameFromEnv('main');
      const recordOf = async (sale: { storeId: string; transactionId: string }) =>
        (
          await documents.get({
            TableName: table,
            Key: purchaseKey(sale.storeId, sale.transactionId),
            ConsistentRead: true,
          })
        ).Item;
      const posDeadLetters = () =>
        cloud.sqs.snapshot().find((queue) => queue.consumer === CONSUMER)!.deadLetters;
      const deadLetterOf = new Map(
        posDeadLetters().map((letter) => [
          (JSON.parse(letter.body) as { transaction: { transactionId: string } }).transaction.transactionId,
          letter.messageId,
        ]),
      );
      const reasons = await lastDeliveryFailures('pos', [...deadLetterOf.values()]);
      const summary =
        `fault injection (seed ${seed}): faults ${JSON.stringify(injected)} over ${consumerInvocations} ` +
        `invocations; dead letters ${JSON.stringify([...deadLetterOf].map(([id, message]) => [id, reasons.get(message)]))}`;

      // Under faults: each sale is credited (once: the sums below), kept unmatched, or dead-lettered with a reason.
      for (const sale of [...sales, ...strangers]) {
        const record = await recordOf(sale);
        const stranger = strangers.includes(sale);
        if (record?.status === (stranger ? 'unmatched' : 'credited')) continue;
        const letter = deadLetterOf.get(sale.transactionId);
        expect(letter, `sale ${sale.transactionId} is lost: ${summary}`).toBeDefined();
        expect(reasons.get(letter!)?.code, `reason of ${sale.transactionId}`).not.toBe('NO_ERROR_RECORDED');
      }
      for (const [kind, count] of Object.entries(injected)) expect(count, kind).toBeGreaterThan(0);
      await expectCreditedOnce(members, await creditedRecords(sales, recordOf));

      // Staff redrive what was dead-lettered; then every sale is credited or kept aside, and counted once.
      faultsOn = false;
      const token = (
        await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
          email: 'admin@sbm.local',
          password: 'fault-admin-password',
        })
      ).body.accessToken;
      expect(
        (
          await call('POST', '/v1/admin/pos/dead-letters/redrive', undefined, {
            authorization: `Bearer ${token}`,
          })
        ).status,
      ).toBe(202);
      await settled();
      expect(posDeadLetters()).toEqual([]);
      for (const sale of strangers)
        expect(await recordOf(sale)).toMatchObject({ status: 'unmatched', reason: 'UNKNOWN_CUSTOMER' });
      const credited = await creditedRecords(sales, recordOf);
      expect(credited).toHaveLength(SALES);
      // The first message after start, which met the start-ups that failed, among them.
      expect((await recordOf(sales[0]!))?.status).toBe('credited');
      await expectCreditedOnce(members, credited);
      // Each sale's PurchaseRecorded went out and was counted once: the days' tallies are the credits.
      const days = new Set(credited.map((record) => programmeToday(new Date(String(record.occurredAt)))));
      const tallied = { purchases: 0, revenue: 0 };
      for (const day of days) {
        const store = (await dailySales(day)).stores.find((candidate) => candidate.storeId === 'demo-store');
        tallied.purchases += store?.purchases ?? 0;
        tallied.revenue += store?.revenue ?? 0;
      }
      expect(tallied, summary).toEqual({
        purchases: SALES,
        revenue: credited.reduce((sum, record) => sum + Number(record.amount), 0),
      });
      console.log(summary);
    },
  );
});
