// The points ledger against DynamoDB Local: exactly-once credits, crash recovery, refunds and unmatched sales.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { issueMemberCode } from '../../lib/customers/member-code';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { getPointsAccount, openPointsAccount, pointsAccountKey } from '../../lib/loyalty/accounts';
import {
  assignUnmatchedPurchase,
  creditPurchase,
  listUnmatchedPurchases,
  NotYetProcessableError,
  reversePurchase,
} from '../../lib/loyalty/ledger';
import { listLedger } from '../../lib/loyalty/ledger-listing';
import { ACCOUNT_STORES_BYTES, storeMark, storesVisitedAmong } from '../../lib/loyalty/stores-visited';
import type { PosTransaction } from '../../lib/pos/messages';
import { seedProfile } from '../support/members';

const eventBridge = mockClient(EventBridgeClient);
const published = () =>
  eventBridge.commandCalls(PutEventsCommand).flatMap((call) =>
    (call.args[0].input.Entries ?? []).map((entry) => ({
      type: entry.DetailType!,
      ...(JSON.parse(entry.Detail!) as { metadata: { eventId: string }; data: Record<string, unknown> }),
    })),
  );

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map(() => ({ EventId: 'e' })),
  }));
});

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;
async function newMember() {
  const customerId = unique('c');
  await openPointsAccount(customerId);
  return customerId;
}
const sale = (
  customer: PosTransaction['customer'],
  amount = 12800,
  transactionId = unique('T'),
): PosTransaction => ({
  transactionId,
  storeId: 'store-it',
  occurredAt: new Date().toISOString(),
  customer,
  amount,
  currency: 'CNY',
  items: [{ sku: 'sku-1', category: 'fashion', quantity: 1, unitPrice: amount }],
});
const purchaseMessage = (transaction: PosTransaction, receivedAt = new Date()) => ({
  kind: 'purchase' as const,
  transaction,
  receivedAt: receivedAt.toISOString(),
  keyId: 'key-it',
  correlationId: unique('corr'),
});
const refundMessage = (transactionId: string, amount: number, refundId = unique('R')) => ({
  kind: 'refund' as const,
  refund: { refundId, transactionId, storeId: 'store-it', amount },
  receivedAt: new Date().toISOString(),
  keyId: 'key-it',
  correlationId: unique('corr'),
});
const balanceOf = async (customerId: string) => (await getPointsAccount(customerId))!.balance;

describe('creditPurchase', () => {
  it('credits 128 points for 128.00 CNY and publishes PurchaseRecorded and PointsEarned', async () => {
    const customerId = await newMember();
    const transaction = sale({ customerId });
    expect(await creditPurchase(purchaseMessage(transaction))).toBe('credited');
    expect(await getPointsAccount(customerId)).toMatchObject({ balance: 128, lifetimeEarned: 128 });
    expect(published().map((event) => event.type)).toEqual(['PurchaseRecorded', 'PointsEarned']);
    const ledger = await listLedger(customerId, { limit: 10 });
    expect(ledger.items).toEqual([
      expect.objectContaining({ type: 'earn', points: 128, status: 'available' }),
    ]);
  });

  it('keeps the earn entry on the purchase record, with no ledger item of its own', async () => {
    const customerId = await newMember();
    const transaction = sale({ customerId });
    await creditPurchase(purchaseMessage(transaction));
    const { Items } = await documents.query({
      TableName: tableNameFromEnv('main'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
      ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':ledger': 'LEDGER#' },
    });
    expect(Items).toEqual([]);
    const { Item } = await documents.get({
      TableName: tableNameFromEnv('main'),
      Key: { pk: `POSTX#store-it#${transaction.transactionId}`, sk: 'PURCHASE' },
    });
    expect(Item).toMatchObject({
      gsi3pk: `CUSTOMER#${customerId}`,
      gsi3sk: expect.stringMatching(/^LEDGER#.+#purchase:store-it:/),
      ledgerEntry: { type: 'earn', points: 128, balanceDelta: 128, pendingDelta: 0 },
    });
  });

  it('credits a sale delivered ten times at once exactly once', async () => {
    const customerId = await newMember();
    const message = purchaseMessage(sale({ customerId }));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => creditPurchase(message)));
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'credited')).toHaveLength(1);
    // Late duplicates finish quietly, or ask to be retried while the first is still in flight; none credits.
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(NotYetProcessableError);
    expect(await balanceOf(customerId)).toBe(128);
    expect((await listLedger(customerId, { limit: 10 })).items).toHaveLength(1);
    expect(new Set(published().map((event) => event.metadata.eventId)).size).toBe(2);
  });

  it('finishes after a crash between the ledger write and publishing, without a second credit', async () => {
    const customerId = await newMember();
    const message = purchaseMessage(sale({ customerId }));
    eventBridge.reset();
    eventBridge
      .on(PutEventsCommand)
      .rejectsOnce(new Error('crash before publishing'))
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'a' }, { EventId: 'b' }] });
    await expect(creditPurchase(message)).rejects.toThrow('crash before publishing');
    expect(await balanceOf(customerId)).toBe(128);
    expect(await creditPurchase(message)).toBe('already-credited');
    expect(await balanceOf(customerId)).toBe(128);
    const delivered = eventBridge
      .commandCalls(PutEventsCommand)
      .slice(1)
      .flatMap((call) =>
        call.args[0].input.Entries!.map((e) => ({
          type: e.DetailType,
          eventId: (JSON.parse(e.Detail!) as { metadata: { eventId: string } }).metadata.eventId,
        })),
      );
    // The ids are the sale's, so the consumers, idempotent on them, apply these events once whoever publishes.
    const ids = `store-it-${message.transaction.transactionId}`;
    expect(delivered).toEqual([
      { type: 'PurchaseRecorded', eventId: `PurchaseRecorded-${ids}` },
      { type: 'PointsEarned', eventId: `PointsEarned-${ids}` },
    ]);
  });

  it('asks to be retried while a registered member has no points account yet', async () => {
    const customerId = unique('no-account');
    await seedProfile(customerId);
    await expect(creditPurchase(purchaseMessage(sale({ customerId })))).rejects.toBeInstanceOf(
      NotYetProcessableError,
    );
  });

  it('keeps a sale for a member id that never registered as unmatched, once, without retries', async () => {
    const transaction = sale({ customerId: unique('never-registered') });
    expect(await creditPurchase(purchaseMessage(transaction))).toBe('unmatched');
    expect(await creditPurchase(purchaseMessage(transaction))).toBe('unmatched');
    const { items } = await listUnmatchedPurchases({ limit: 100 });
    expect(
      items.filter(
        (item) => (item.transaction as PosTransaction).transactionId === transaction.transactionId,
      ),
    ).toEqual([expect.objectContaining({ reason: 'UNKNOWN_CUSTOMER' })]);
    // Each delivery publishes the sale for the archive under the one id it has, so the sales count it once.
    const unmatched = published().filter((event) => event.type === 'UnmatchedSaleRecorded');
    expect(unmatched).toHaveLength(2);
    expect(new Set(unmatched.map((event) => event.metadata.eventId))).toEqual(
      new Set([`UnmatchedSaleRecorded-store-it-${transaction.transactionId}`]),
    );
    expect(unmatched[0]!.data).toMatchObject({
      storeId: 'store-it',
      amount: transaction.amount,
      reason: 'UNKNOWN_CUSTOMER',
    });
  });

  it('promotes a member at once when the qualifying points reach the next tier', async () => {
    const customerId = await newMember();
    await creditPurchase(purchaseMessage(sale({ customerId }, 100_000)));
    expect((await getPointsAccount(customerId))!.tier.code).toBe('silver');
    expect(published().find((event) => event.type === 'TierChanged')?.data).toMatchObject({
      from: 'bronze',
      to: 'silver',
    });
  });
});

describe('member codes', () => {
  it('credits the member whose code the till scanned in time', async () => {
    const customerId = await newMember();
    const { code } = await issueMemberCode(customerId);
    expect(await creditPurchase(purchaseMessage(sale({ memberCode: code })))).toBe('credited');
    expect(await balanceOf(customerId)).toBe(128);
  });

  it('keeps a sale with an expired or unknown code as unmatched, and credits it when staff assign it', async () => {
    const customerId = await newMember();
    const { code } = await issueMemberCode(customerId, new Date(Date.now() - 5 * 60_000));
    const transaction = sale({ memberCode: code });
    expect(await creditPurchase(purchaseMessage(transaction))).toBe('unmatched');
    expect(await creditPurchase(purchaseMessage(transaction))).toBe('unmatched');
    expect(await balanceOf(customerId)).toBe(0);
    expect(
      await assignUnmatchedPurchase('store-it', transaction.transactionId, customerId, 'corr-assign'),
    ).toBe('credited');
    expect(
      await assignUnmatchedPurchase('store-it', transaction.transactionId, customerId, 'corr-assign'),
    ).toBe('not-unmatched');
    expect(await balanceOf(customerId)).toBe(128);
  });
});

describe('reversePurchase', () => {
  it('takes back half the points for half the amount, once per refund', async () => {
    const customerId = await newMember();
    const transaction = sale({ customerId });
    await creditPurchase(purchaseMessage(transaction));
    const refund = refundMessage(transaction.transactionId, 6400);
    expect(await reversePurchase(refund)).toBe('reversed');
    expect(await reversePurchase(refund)).toBe('already-reversed');
    expect(await balanceOf(customerId)).toBe(64);
    expect(
      published()
        .filter((event) => event.type === 'PointsReversed')
        .map((event) => event.data.points),
    ).toEqual([64]);
  });

  it('never takes back more than the sale earned, however partial refunds add up, even concurrently', async () => {
    const customerId = await newMember();
    const transaction = sale({ customerId });
    await creditPurchase(purchaseMessage(transaction));
    const refunds = Array.from({ length: 4 }, () => refundMessage(transaction.transactionId, 5000));
    await Promise.all(refunds.map((refund) => reversePurchase(refund)));
    expect(await balanceOf(customerId)).toBe(0);
    const ledger = await listLedger(customerId, { limit: 20 });
    expect(
      ledger.items.filter((entry) => entry.type === 'reverse').reduce((sum, entry) => sum + entry.points, 0),
    ).toBe(-128);
  });

  it('lets the balance go negative when the points were already spent', async () => {
    const customerId = await newMember();
    const transaction = sale({ customerId });
    await creditPurchase(purchaseMessage(transaction));
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: pointsAccountKey(customerId),
      UpdateExpression: 'ADD balance :spent',
      ExpressionAttributeValues: { ':spent': -100 },
    });
    await reversePurchase(refundMessage(transaction.transactionId, 12800));
    expect(await balanceOf(customerId)).toBe(-100);
  });

  it('asks to be retried when the refund arrives before its sale', async () => {
    await expect(reversePurchase(refundMessage(unique('never-sold'), 100))).rejects.toBeInstanceOf(
      NotYetProcessableError,
    );
  });

  it('keeps every lot non-negative', async () => {
    const customerId = await newMember();
    const transaction = sale({ customerId });
    await creditPurchase(purchaseMessage(transaction));
    await reversePurchase(refundMessage(transaction.transactionId, 12800));
    const lots = await documents.query({
      TableName: tableNameFromEnv('main'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :lot)',
      ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':lot': 'LOT#' },
    });
    expect(lots.Items?.map((lot) => lot.remaining)).toEqual([0]);
  });
});

describe('pending points', () => {
  // Rules for sales dated in 2100, so that no other test's sales are affected by the lock period.
  const future = new Date('2100-01-01T00:00:00.000Z');

  it('keeps points pending through the lock period, takes refunds from pending, then releases the rest', async () => {
    const { saveEarningRules } = await import('../../lib/loyalty/earning-rules-store');
    const { DEFAULT_EARNING_RULES } = await import('../../lib/loyalty/earning');
    const { releaseDuePendingPoints } = await import('../../lib/loyalty/ledger');
    await saveEarningRules({ ...DEFAULT_EARNING_RULES, lockDays: 7 }, future.toISOString(), 'test');
    const customerId = await newMember();
    const transaction = { ...sale({ customerId }), occurredAt: future.toISOString() };
    await creditPurchase(purchaseMessage(transaction));
    expect(await getPointsAccount(customerId)).toMatchObject({ balance: 0, pending: 128 });
    expect(published().find((event) => event.type === 'PointsEarned')?.data).toMatchObject({
      status: 'pending',
      points: 128,
    });

    await reversePurchase(refundMessage(transaction.transactionId, 3200));
    expect(await getPointsAccount(customerId)).toMatchObject({ balance: 0, pending: 96 });

    await releaseDuePendingPoints(new Date(Date.now() + 6 * 86_400_000));
    expect(await getPointsAccount(customerId)).toMatchObject({ balance: 0, pending: 96 });
    await releaseDuePendingPoints(new Date(Date.now() + 8 * 86_400_000));
    await releaseDuePendingPoints(new Date(Date.now() + 8 * 86_400_000));
    expect(await getPointsAccount(customerId)).toMatchObject({ balance: 96, pending: 0 });
  });
});

describe('stores visited', () => {
  it('keeps the account under 1 KB however many stores a member buys at, and forgets none', async () => {
    const customerId = await newMember();
    const stores = Array.from({ length: 25 }, (_, i) => `store-it-${String(i).padStart(2, '0')}`);
    for (const storeId of stores) await creditPurchase(purchaseMessage({ ...sale({ customerId }), storeId }));
    const accountItem = async () =>
      (await documents.get({ TableName: tableNameFromEnv('main'), Key: pointsAccountKey(customerId) })).Item!;
    const account = await accountItem();
    const marks = [...(account.storeMarks as Set<string>)];
    expect(marks.join('').length).toBeLessThanOrEqual(ACCOUNT_STORES_BYTES);
    expect(marks.sort()).toEqual(stores.slice(0, marks.length).map(storeMark).sort());
    expect(account.moreStores).toBe(true);
    expect(await storesVisitedAmong(customerId, account, [...stores, 'store-never'])).toEqual(stores);

    // A store known already, on the account or beyond it, writes no store again.
    const writes = vi.spyOn(documents, 'transactWrite');
    for (const storeId of [stores[0]!, stores[24]!])
      await creditPurchase(purchaseMessage({ ...sale({ customerId }), storeId }));
    expect(writes.mock.calls.map(([input]) => input.TransactItems?.length)).toEqual([3, 3]);
    await creditPurchase(purchaseMessage({ ...sale({ customerId }), storeId: 'store-it-new' }));
    expect(writes.mock.calls[2]![0].TransactItems).toHaveLength(4);
    writes.mockRestore();
    const after = await accountItem();
    expect(await storesVisitedAmong(customerId, after, ['store-it-new'])).toEqual(['store-it-new']);
    expect(after.storeMarks).toEqual(account.storeMarks);
  });

  it('records both of two new stores bought at in the same moment when the account has room for one', async () => {
    const customerId = await newMember();
    const fifteen = Array.from({ length: 15 }, (_, i) => storeMark(`store-seen-${i}`));
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: pointsAccountKey(customerId),
      UpdateExpression: 'SET storeMarks = :marks',
      ExpressionAttributeValues: { ':marks': new Set(fifteen) },
    });
    const outcomes = await Promise.all(
      ['store-new-a', 'store-new-b'].map((storeId) =>
        creditPurchase(purchaseMessage({ ...sale({ customerId }), storeId })),
      ),
    );
    expect(outcomes).toEqual(['credited', 'credited']);
    const account = (
      await documents.get({ TableName: tableNameFromEnv('main'), Key: pointsAccountKey(customerId) })
    ).Item!;
    expect([...(account.storeMarks as Set<string>)].join('').length).toBeLessThanOrEqual(
      ACCOUNT_STORES_BYTES,
    );
    expect(await storesVisitedAmong(customerId, account, ['store-new-a', 'store-new-b'])).toEqual([
      'store-new-a',
      'store-new-b',
    ]);
    expect(account.balance).toBe(256);
  });

  it('still knows the whole store ids an earlier version kept on the account', async () => {
    const customerId = await newMember();
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: pointsAccountKey(customerId),
      UpdateExpression: 'SET storesVisited = :stores',
      ExpressionAttributeValues: { ':stores': new Set(['store-old']) },
    });
    const writes = vi.spyOn(documents, 'transactWrite');
    await creditPurchase(purchaseMessage({ ...sale({ customerId }), storeId: 'store-old' }));
    const update = writes.mock.calls[0]![0].TransactItems!.at(-1)!.Update!;
    writes.mockRestore();
    expect(update.UpdateExpression).not.toContain('storeMarks');
    const account = (
      await documents.get({ TableName: tableNameFromEnv('main'), Key: pointsAccountKey(customerId) })
    ).Item!;
    expect(await storesVisitedAmong(customerId, account, ['store-old', 'store-x'])).toEqual(['store-old']);
  });
});
