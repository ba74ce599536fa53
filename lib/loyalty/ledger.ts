import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { monthsBefore } from '../calendar';
import { resolveMemberCode } from '../customers/member-code';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { conditionFailedReasons, documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { eventIdOf } from '../events/event-id';
import { publishEvents, type DomainEvent } from '../events/publisher';
import { recordBusinessMetric } from '../observability/record-business-metric';
import type { PosMessage, PosRefund, PosTransaction } from '../pos/messages';
import { QUALIFYING_MONTHS_KEPT, SPEND_MONTHS_KEPT } from './account-months';
import { pointsAccountKey } from './accounts';
import { pointsForPurchase, pointsToReverse } from './earning';
import { earningRulesAt } from './earning-rules-store';
import { lotFor } from './lots';
import { lotCredit, lotDebitFor } from './lot-store';
import { onLedger } from './ledger-listing';
import type { LedgerEntry } from './ledger-schema';
import { pendingTierEventSchema, reviewDateAfter, reviewIndex, tierChangedEvent } from './tier-changes';
import {
  storeBeyondAccount,
  storeMark,
  storesOnAccount,
  storeVisit,
  type StoreVisit,
} from './stores-visited';
import { promotionAfterCredit, qualifyingMonthUpdate, qualifyingMonthOf, tierLadder } from './tier-store';
import { tierCodeSchema } from './tiers';
import { lazySchema } from '../lazy-schema';
import { defineAuditSubject } from '../audit/subjects';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A failure that a later delivery can cure (the sale or the account is not there yet): SQS retries it. */
export class NotYetProcessableError extends Error {
  readonly code: string = 'NOT_YET_PROCESSABLE';
  constructor(reason: string) {
    super(reason);
    this.name = 'NotYetProcessableError';
  }
}

/** The member has no points account (yet: registration opens it a moment after sign-up). */
export class NoPointsAccountError extends NotYetProcessableError {
  override readonly code = 'NO_POINTS_ACCOUNT';
  constructor(readonly customerId: string) {
    super(`No points account for customer ${customerId} yet`);
    this.name = 'NoPointsAccountError';
  }
}

/** Why a sale is kept unmatched until staff assign it to a member. */
export type UnmatchedReason = 'UNKNOWN_MEMBER_CODE' | 'UNKNOWN_CUSTOMER';

const table = () => tableNameFromEnv('main');
const customerPk = (customerId: string) => `CUSTOMER#${customerId}`;
export const purchaseKey = (storeId: string, transactionId: string) => ({
  pk: `POSTX#${storeId}#${transactionId}`,
  sk: 'PURCHASE',
});
const refundKey = (storeId: string, refundId: string) => ({
  pk: `POSREFUND#${storeId}#${refundId}`,
  sk: 'REFUND',
});
const ledgerKey = (customerId: string, at: Date, ref: string) => ({
  pk: customerPk(customerId),
  sk: `LEDGER#${at.toISOString()}#${ref}`,
});

const purchaseRecordSchema = lazySchema(() =>
  z.object({
    status: z.literal('credited'),
    customerId: z.string(),
    storeId: z.string(),
    transactionId: z.string(),
    amount: z.int(),
    occurredAt: z.string(),
    categories: z.array(z.string()),
    skus: z.optional(z.array(z.string())),
    /** The member's how-manieth credited purchase this was (1 = first), counted atomically on the account. */
    purchaseNumber: z.optional(z.int()),
    points: z.int(),
    /** The member's lifetime earned points with this credit (exact: the credit is conditional on the total read). */
    lifetimeEarned: z.optional(z.int()),
    pointsStatus: z.enum(['available', 'pending']),
    lot: z.object({ bucket: z.string(), expiresAt: z.string() }),
    qualifyingMonth: z.string(),
    /** The promotion this credit made, published with the purchase's events (again on a redelivery). */
    tierChange: z.optional(
      z.object({
        from: tierCodeSchema,
        to: tierCodeSchema,
        qualifyingPoints: z.int(),
        changedAt: z.string(),
      }),
    ),
    rulesVersion: z.int(),
    creditedAt: z.string(),
    refundedAmount: z.int(),
    pointsReversed: z.int(),
    version: z.int(),
    correlationId: z.string(),
  }),
);
type PurchaseRecord = z.infer<typeof purchaseRecordSchema>;

const unmatchedRecordSchema = lazySchema(() =>
  z.object({
    status: z.literal('unmatched'),
    transaction: z.unknown(),
    receivedAt: z.string(),
    reason: z.string(),
    refundedAmount: z.int(),
    version: z.int(),
  }),
);

const accountForEarningSchema = lazySchema(() =>
  z.object({
    tier: tierCodeSchema,
    qualifyingPoints: z.int(),
    lifetimeEarned: z.int(),
    qualifyingByMonth: z.optional(z.record(z.string(), z.number())),
    spendByMonth: z.optional(z.record(z.string(), z.number())),
    purchaseCount: z.optional(z.int()),
    pendingTierEvent: z.optional(pendingTierEventSchema),
  }),
);

async function readItem(key: { pk: string; sk: string }) {
  const { Item } = await documents.get({ TableName: table(), Key: key, ConsistentRead: true });
  return Item;
}

async function resolveCustomerId(transaction: PosTransaction, receivedAt: Date): Promise<string | undefined> {
  if ('memberCode' in transaction.customer)
    return resolveMemberCode(transaction.customer.memberCode, receivedAt);
  return transaction.customer.customerId;
}

/** Whether a member of this id ever registered (an erased member's profile stays, emptied). */
async function customerExists(customerId: string) {
  return (await readItem({ pk: customerPk(customerId), sk: 'PROFILE' })) !== undefined;
}

export type CreditOutcome = 'credited' | 'already-credited' | 'unmatched';

/**
 * Credits a POS sale to its member, exactly once per (store, transaction). The purchase record (which
 * carries the sale's earn entry onto the member's ledger), the lot and the balance are one transaction
 * guarded by the purchase record, so a replay or a concurrent duplicate changes nothing. Events go out
 * afterwards from the purchase record (an outbox): a crash before they are out is finished by the next
 * delivery of the same message.
 */
export async function creditPurchase(
  message: Extract<PosMessage, { kind: 'purchase' }>,
  now = new Date(),
): Promise<CreditOutcome> {
  const { transaction } = message;
  const customerId = await resolveCustomerId(transaction, new Date(message.receivedAt));
  if (!customerId) return recordUnmatched(message, 'UNKNOWN_MEMBER_CODE');
  try {
    return await creditToCustomer(
      transaction,
      customerId,
      { correlationId: message.correlationId, replacesUnmatched: false },
      now,
    );
  } catch (error) {
    // No delivery can cure a member id that never existed: the sale waits for staff instead of retries.
    if (error instanceof NoPointsAccountError && !(await customerExists(customerId)))
      return recordUnmatched(message, 'UNKNOWN_CUSTOMER');
    throw error;
  }
}

/** A credit's line on the member's ledger as it stood when credited (a release adds a line of its own). */
function earnEntry(record: PurchaseRecord): LedgerEntry {
  return {
    type: 'earn',
    points: record.points,
    status: record.pointsStatus,
    source: { kind: 'purchase', storeId: record.storeId, transactionId: record.transactionId },
    lot: record.lot,
    balanceDelta: record.pointsStatus === 'available' ? record.points : 0,
    pendingDelta: record.pointsStatus === 'pending' ? record.points : 0,
    at: record.creditedAt,
  };
}

async function recordUnmatched(
  message: Extract<PosMessage, { kind: 'purchase' }>,
  reason: UnmatchedReason,
): Promise<CreditOutcome> {
  const { transaction } = message;
  try {
    await documents.put({
      TableName: table(),
      Item: {
        ...purchaseKey(transaction.storeId, transaction.transactionId),
        status: 'unmatched',
        transaction,
        receivedAt: message.receivedAt,
        reason,
        refundedAmount: 0,
        version: 1,
        gsi1pk: 'UNMATCHED',
        gsi1sk: `${message.receivedAt}#${transaction.storeId}#${transaction.transactionId}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await readItem(purchaseKey(transaction.storeId, transaction.transactionId));
    if (existing?.status === 'credited') {
      await finishPurchase(purchaseRecordSchema.parse(existing));
      return 'already-credited';
    }
    // A redelivery publishes again (its id is the sale's): a crash between the write and the event loses nothing.
    if (existing?.status !== 'unmatched') return 'unmatched';
    const kept = unmatchedRecordSchema.parse(existing);
    await publishUnmatchedSale(
      kept.transaction as PosTransaction,
      kept.reason as UnmatchedReason,
      message.correlationId,
    );
    return 'unmatched';
  }
  recordBusinessMetric('PurchasesUnmatched');
  await publishUnmatchedSale(transaction, reason, message.correlationId);
  return 'unmatched';
}

/** The sale no member was found for, for the archive's sales figures (members' share of revenue). */
function publishUnmatchedSale(transaction: PosTransaction, reason: UnmatchedReason, correlationId: string) {
  return publishEvents(
    [
      {
        name: 'UnmatchedSaleRecorded',
        eventId: eventIdOf('UnmatchedSaleRecorded', transaction.storeId, transaction.transactionId),
        data: {
          storeId: transaction.storeId,
          transactionId: transaction.transactionId,
          amount: transaction.amount,
          currency: 'CNY',
          occurredAt: transaction.occurredAt,
          categories: [...new Set(transaction.items.map((item) => item.category))],
          reason,
        },
      },
    ],
    correlationId,
  );
}

/** Tries of a credit whose account changed between its read and its write, before SQS retries it. */
const ACCOUNT_CHANGED_ATTEMPTS = 8;

async function creditToCustomer(
  transaction: PosTransaction,
  customerId: string,
  options: { correlationId: string; replacesUnmatched: boolean; refundedAmount?: number },
  now = new Date(),
  attempt = 1,
): Promise<CreditOutcome> {
  const accountItem = await readItem(pointsAccountKey(customerId));
  if (!accountItem) throw new NoPointsAccountError(customerId);
  const account = accountForEarningSchema.parse(accountItem);
  const [rules, ladder, visit] = await Promise.all([
    earningRulesAt(transaction.occurredAt),
    tierLadder(),
    storeVisit(customerId, transaction.storeId, storesOnAccount(accountItem)),
  ]);
  const netAmount = Math.max(0, transaction.amount - (options.refundedAmount ?? 0));
  const points = pointsForPurchase(
    { storeId: transaction.storeId, amount: netAmount, items: transaction.items },
    rules,
    account.tier,
  );
  const pointsStatus = rules.lockDays > 0 ? 'pending' : 'available';
  // Points date from the sale, but never from the future: a till's clock cannot extend their life.
  const earnedAt = new Date(Math.min(new Date(transaction.occurredAt).getTime(), now.getTime()));
  const lot = lotFor(earnedAt, rules.expiry);
  const ref = `purchase:${transaction.storeId}:${transaction.transactionId}`;
  const qualifyingMonth = qualifyingMonthOf(earnedAt);
  // Upgrades happen at once, in the credit's own transaction: the member moves to the highest tier their
  // rolling qualifying points now reach. The change is kept on the purchase record, whose events carry it.
  const promotion = promotionAfterCredit(ladder, account, qualifyingMonth, points, now);
  const record: PurchaseRecord = {
    status: 'credited',
    customerId,
    storeId: transaction.storeId,
    transactionId: transaction.transactionId,
    amount: netAmount,
    occurredAt: transaction.occurredAt,
    categories: [...new Set(transaction.items.map((item) => item.category))],
    skus: [...new Set(transaction.items.map((item) => item.sku))],
    purchaseNumber: (account.purchaseCount ?? 0) + 1,
    points,
    lifetimeEarned: account.lifetimeEarned + points,
    pointsStatus,
    lot,
    qualifyingMonth,
    ...(promotion && {
      tierChange: {
        from: account.tier,
        to: promotion.to,
        qualifyingPoints: promotion.qualifyingPoints,
        changedAt: now.toISOString(),
      },
    }),
    rulesVersion: rules.version,
    creditedAt: now.toISOString(),
    refundedAmount: 0,
    pointsReversed: 0,
    version: 1,
    correlationId: options.correlationId,
  };
  const pendingUntil = new Date(now.getTime() + rules.lockDays * 86_400_000).toISOString();
  const items: TransactItem[] = [
    {
      Put: {
        TableName: table(),
        Item: {
          ...purchaseKey(transaction.storeId, transaction.transactionId),
          ...record,
          ...(points > 0 && onLedger(ledgerKey(customerId, now, ref), earnEntry(record))),
          ...(pointsStatus === 'pending' && points > 0
            ? { pendingUntil, gsi1pk: 'PENDING', gsi1sk: `${pendingUntil}#${ref}` }
            : {}),
        },
        ConditionExpression: options.replacesUnmatched ? '#status = :unmatched' : 'attribute_not_exists(pk)',
        ...(options.replacesUnmatched
          ? {
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':unmatched': 'unmatched' },
            }
          : {}),
      },
    },
  ];
  if (points > 0 && pointsStatus === 'available') items.push(lotCredit(customerId, lot, points));
  // A tier change a crash kept on the account (a review's) goes out first; the credit takes it off.
  if (account.pendingTierEvent)
    await publishEvents([tierChangedEvent(account.pendingTierEvent)], account.pendingTierEvent.correlationId);
  if (visit === 'first-beyond-account') items.push(storeBeyondAccount(customerId, transaction.storeId));
  const accountIndex = items.length;
  items.push(accountCredit(customerId, account, record, { visit, promotion }, now));
  try {
    await documents.transactWrite({ TransactItems: items });
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (reasons?.[accountIndex] === 'ConditionalCheckFailed' && reasons[0] !== 'ConditionalCheckFailed') {
      if (attempt >= ACCOUNT_CHANGED_ATTEMPTS)
        throw new NotYetProcessableError('The account kept changing under concurrent credits');
      // Credits racing for one account would collide again if all retried at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
      return creditToCustomer(transaction, customerId, options, now, attempt + 1);
    }
    if (reasons?.[0] === 'ConditionalCheckFailed') {
      const existing = await readItem(purchaseKey(transaction.storeId, transaction.transactionId));
      if (existing?.status !== 'credited')
        throw new NotYetProcessableError('The purchase is being recorded concurrently');
      await finishPurchase(purchaseRecordSchema.parse(existing));
      return 'already-credited';
    }
    throw error;
  }
  recordBusinessMetric('PurchasesCredited');
  recordBusinessMetric('PointsIssued', points);
  await finishPurchase(record);
  return 'credited';
}

/**
 * The account's part of a credit: balance (or pending), lifetime and qualifying points, the purchase count,
 * the month's spend and a store visited for the first time (or the mark that the member has stores beyond
 * the account, lib/loyalty/stores-visited.ts); the promotion if the credit makes one; and months no window
 * reads any more removed, so the item stays under 1 KB. Conditional on the purchase count, tier and
 * lifetime total read before it: a concurrent credit, tier change or bonus makes the credit read again,
 * so "first purchase" and "nth purchase" campaigns see each number once, points are earned at the tier
 * the member holds, and the lifetime total the event carries (for milestones) is exact.
 */
function accountCredit(
  customerId: string,
  account: z.infer<typeof accountForEarningSchema>,
  record: PurchaseRecord,
  sale: { visit: StoreVisit; promotion: ReturnType<typeof promotionAfterCredit> },
  now: Date,
): TransactItem {
  const { points, pointsStatus } = record;
  const { promotion } = sale;
  const month = qualifyingMonthUpdate(record.qualifyingMonth);
  const review = reviewIndex(reviewDateAfter(now), customerId);
  const seenCount = account.purchaseCount ?? 0;
  const stale = (byMonth: Record<string, number> | undefined, kept: number) =>
    monthsBefore(byMonth, kept, now).filter((month) => month !== record.qualifyingMonth);
  const staleQualifying = stale(account.qualifyingByMonth, QUALIFYING_MONTHS_KEPT);
  const staleSpend = stale(account.spendByMonth, SPEND_MONTHS_KEPT);
  const removals = [
    ...(account.pendingTierEvent ? ['pendingTierEvent'] : []),
    ...staleQualifying.map((_, i) => `qualifyingByMonth.#staleQ${i}`),
    ...staleSpend.map((_, i) => `spendByMonth.#staleS${i}`),
  ];
  return {
    Update: {
      TableName: table(),
      Key: pointsAccountKey(customerId),
      UpdateExpression:
        `ADD ${pointsStatus === 'pending' ? 'pending' : 'balance'} :p, lifetimeEarned :p, qualifyingPoints :p, version :one, purchaseCount :one${sale.visit === 'first-on-account' ? ', storeMarks :mark' : ''} SET ${month.clause}, lastPurchaseAt = :occurredAt, spendByMonth.#qualifyingMonth = if_not_exists(spendByMonth.#qualifyingMonth, :zero) + :spent` +
        (sale.visit === 'first-beyond-account' ? ', moreStores = :true' : '') +
        (promotion ? ', tier = :to, tierChangedAt = :now, gsi2pk = :review, gsi2sk = :customer' : '') +
        (removals.length ? ` REMOVE ${removals.join(', ')}` : ''),
      ConditionExpression:
        seenCount === 0
          ? 'attribute_exists(pk) AND tier = :tier AND lifetimeEarned = :lifetime AND (attribute_not_exists(purchaseCount) OR purchaseCount = :seen)'
          : 'attribute_exists(pk) AND tier = :tier AND lifetimeEarned = :lifetime AND purchaseCount = :seen',
      ExpressionAttributeNames: {
        ...month.names,
        ...Object.fromEntries(staleQualifying.map((month, i) => [`#staleQ${i}`, month])),
        ...Object.fromEntries(staleSpend.map((month, i) => [`#staleS${i}`, month])),
      },
      ExpressionAttributeValues: {
        ':p': points,
        ':one': 1,
        ':zero': 0,
        ':qualifying': points,
        ':seen': seenCount,
        ':tier': account.tier,
        ':lifetime': account.lifetimeEarned,
        ':occurredAt': record.occurredAt,
        ...(sale.visit === 'first-on-account' && { ':mark': new Set([storeMark(record.storeId)]) }),
        ...(sale.visit === 'first-beyond-account' && { ':true': true }),
        ':spent': record.amount,
        ...(promotion
          ? {
              ':to': promotion.to,
              ':now': now.toISOString(),
              ':review': review.gsi2pk,
              ':customer': review.gsi2sk,
            }
          : {}),
      },
    },
  };
}

/**
 * Publishes the purchase's events, with the promotion the credit made if it made one. The events' ids are
 * fixed by the sale and every consumer applies an id once, so publishing again is harmless: a message
 * redelivered after a crash finds the sale credited and publishes its events again, with no outbox flag
 * to write.
 */
async function finishPurchase(record: PurchaseRecord) {
  const events: DomainEvent[] = [
    {
      name: 'PurchaseRecorded',
      eventId: eventIdOf('PurchaseRecorded', record.storeId, record.transactionId),
      data: {
        customerId: record.customerId,
        storeId: record.storeId,
        transactionId: record.transactionId,
        amount: record.amount,
        currency: 'CNY',
        occurredAt: record.occurredAt,
        categories: record.categories,
        skus: record.skus,
        purchaseNumber: record.purchaseNumber,
        pointsEarned: record.points,
      },
    },
  ];
  if (record.points > 0) {
    events.push({
      name: 'PointsEarned',
      eventId: eventIdOf('PointsEarned', record.storeId, record.transactionId),
      data: {
        customerId: record.customerId,
        points: record.points,
        ...(record.lifetimeEarned !== undefined && { lifetimeEarned: record.lifetimeEarned }),
        status: record.pointsStatus,
        source: { kind: 'purchase', storeId: record.storeId, transactionId: record.transactionId },
        earnedAt: record.creditedAt,
      },
    });
  }
  if (record.tierChange) {
    events.push({
      name: 'TierChanged',
      eventId: eventIdOf('TierChanged', record.storeId, record.transactionId),
      data: { customerId: record.customerId, ...record.tierChange },
    });
  }
  await publishEvents(events, record.correlationId);
}

export type ReversalOutcome = 'reversed' | 'already-reversed' | 'recorded-on-unmatched';

/**
 * Takes back the points of a refund, in proportion to the amount and never more than the sale earned,
 * once per refund. A refund that arrives before its sale is retried (and dead-lettered if the sale
 * never comes). Concurrent refunds of one sale are serialised by the purchase record's version.
 * Points the member already spent are taken back all the same: the balance may go negative.
 */
export async function reversePurchase(
  message: Extract<PosMessage, { kind: 'refund' }>,
): Promise<ReversalOutcome> {
  const { refund } = message;
  for (let attempt = 0; attempt < 5; attempt++) {
    const saleItem = await readItem(purchaseKey(refund.storeId, refund.transactionId));
    if (!saleItem)
      throw new NotYetProcessableError(`Sale ${refund.storeId}/${refund.transactionId} is not recorded yet`);
    if (saleItem.status === 'unmatched')
      return recordRefundOnUnmatched(refund, unmatchedRecordSchema.parse(saleItem).version);
    const sale = purchaseRecordSchema.parse(saleItem);
    const outcome = await tryReverse(sale, refund, message.correlationId);
    if (outcome !== 'sale-changed') return outcome;
  }
  throw new NotYetProcessableError('The sale kept changing under concurrent refunds');
}

async function tryReverse(sale: PurchaseRecord, refund: PosRefund, correlationId: string, now = new Date()) {
  const reversal = pointsToReverse({
    amount: sale.amount,
    pointsEarned: sale.points,
    refundedBefore: sale.refundedAmount,
    pointsReversedBefore: sale.pointsReversed,
    refundAmount: refund.amount,
  });
  const ref = `refund:${refund.storeId}:${refund.refundId}`;
  const items: TransactItem[] = [
    {
      Put: {
        TableName: table(),
        Item: {
          ...refundKey(refund.storeId, refund.refundId),
          customerId: sale.customerId,
          storeId: refund.storeId,
          transactionId: refund.transactionId,
          refundId: refund.refundId,
          refundAmount: refund.amount,
          points: reversal.points,
          eventsPublished: false,
          correlationId,
          at: now.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: table(),
        Key: purchaseKey(sale.storeId, sale.transactionId),
        UpdateExpression: 'SET refundedAmount = :refunded, pointsReversed = :reversed, version = :next',
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: {
          ':refunded': reversal.refundedAfter,
          ':reversed': reversal.pointsReversedAfter,
          ':next': sale.version + 1,
          ':version': sale.version,
        },
      },
    },
  ];
  if (reversal.points > 0) {
    // Pending points are taken back first: a sale's points are still pending until released.
    const fromPending = sale.pointsStatus === 'pending' ? reversal.points : 0;
    const fromBalance = reversal.points - fromPending;
    items.push(
      {
        Update: {
          TableName: table(),
          Key: pointsAccountKey(sale.customerId),
          UpdateExpression: `ADD pending :fromPending, balance :fromBalance, qualifyingPoints :minus, version :one SET ${qualifyingMonthUpdate(sale.qualifyingMonth).clause}`,
          ExpressionAttributeNames: qualifyingMonthUpdate(sale.qualifyingMonth).names,
          ExpressionAttributeValues: {
            ':fromPending': -fromPending,
            ':fromBalance': -fromBalance,
            ':minus': -reversal.points,
            ':one': 1,
            ':zero': 0,
            ':qualifying': -reversal.points,
          },
        },
      },
      {
        Put: {
          TableName: table(),
          Item: {
            ...ledgerKey(sale.customerId, now, ref),
            type: 'reverse',
            points: -reversal.points,
            source: {
              kind: 'refund',
              storeId: refund.storeId,
              transactionId: refund.transactionId,
              refundId: refund.refundId,
            },
            lot: sale.lot,
            balanceDelta: -fromBalance,
            pendingDelta: -fromPending,
            at: now.toISOString(),
          },
        },
      },
    );
    const lotDebit =
      fromBalance > 0 ? await lotDebitFor(sale.customerId, sale.lot.bucket, fromBalance) : undefined;
    if (lotDebit) items.push(lotDebit);
  }
  try {
    await documents.transactWrite({ TransactItems: items });
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (reasons?.[0] === 'ConditionalCheckFailed') {
      await finishRefund(refund.storeId, refund.refundId);
      return 'already-reversed' as const;
    }
    if (reasons?.[1] === 'ConditionalCheckFailed' || reasons?.[4] === 'ConditionalCheckFailed')
      return 'sale-changed' as const;
    throw error;
  }
  await finishRefund(refund.storeId, refund.refundId);
  return 'reversed' as const;
}

async function recordRefundOnUnmatched(refund: PosRefund, version: number): Promise<ReversalOutcome> {
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: table(),
            Item: {
              ...refundKey(refund.storeId, refund.refundId),
              ...refund,
              points: 0,
              eventsPublished: true,
              unmatched: true,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: table(),
            Key: purchaseKey(refund.storeId, refund.transactionId),
            UpdateExpression: 'ADD refundedAmount :amount SET version = :next',
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: {
              ':amount': refund.amount,
              ':next': version + 1,
              ':version': version,
            },
          },
        },
      ],
    });
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (reasons?.[0] === 'ConditionalCheckFailed') return 'already-reversed';
    if (reasons?.[1] === 'ConditionalCheckFailed')
      throw new NotYetProcessableError('The unmatched sale changed; retry');
    throw error;
  }
  return 'recorded-on-unmatched';
}

async function finishRefund(storeId: string, refundId: string) {
  const record = z
    .object({
      customerId: z.string(),
      storeId: z.string(),
      transactionId: z.string(),
      refundId: z.string(),
      refundAmount: z.int(),
      points: z.int(),
      eventsPublished: z.boolean(),
      correlationId: z.string(),
    })
    .parse(await readItem(refundKey(storeId, refundId)));
  if (record.eventsPublished) return;
  await publishEvents(
    [
      {
        name: 'PointsReversed',
        eventId: eventIdOf('PointsReversed', storeId, refundId),
        data: {
          customerId: record.customerId,
          points: record.points,
          storeId,
          transactionId: record.transactionId,
          refundId,
          refundAmount: record.refundAmount,
        },
      },
    ],
    record.correlationId,
  );
  await documents.update({
    TableName: table(),
    Key: refundKey(storeId, refundId),
    UpdateExpression: 'SET eventsPublished = :true',
    ExpressionAttributeValues: { ':true': true },
  });
}

/** A sale in the audit trail (`purchase:<store>:<transaction>`): it names its member by id only. */
export const purchaseAuditSubject = defineAuditSubject('purchase');

/** Staff assign an unmatched sale to a member; the points follow as if the member had been known. */
export async function assignUnmatchedPurchase(
  storeId: string,
  transactionId: string,
  customerId: string,
  correlationId: string,
) {
  const item = await readItem(purchaseKey(storeId, transactionId));
  if (!item || item.status !== 'unmatched') return 'not-unmatched' as const;
  const unmatched = unmatchedRecordSchema.parse(item);
  const { posTransactionSchema } = await import('../pos/messages');
  const transaction = posTransactionSchema.parse(unmatched.transaction);
  return creditToCustomer(transaction, customerId, {
    correlationId,
    replacesUnmatched: true,
    refundedAmount: unmatched.refundedAmount,
  });
}

/** Records kept before reasons were codes said so in a sentence, always of a member code. */
const unmatchedReasonOf = (reason: string): UnmatchedReason =>
  reason === 'UNKNOWN_CUSTOMER' ? 'UNKNOWN_CUSTOMER' : 'UNKNOWN_MEMBER_CODE';

/** Query rounds a store manager's page may take to fill, through other stores' sales. */
const UNMATCHED_SCOPED_ROUNDS = 10;

/**
 * Sales kept because their member could not be identified, oldest first; with `stores`, only theirs,
 * filtered in the query (a page may hold fewer than `limit`, with a cursor to go on).
 */
export async function listUnmatchedPurchases(
  page: { limit: number; cursor?: string },
  stores?: ReadonlySet<string>,
) {
  const scope = {
    partition: { gsi1pk: 'UNMATCHED' },
    view: stores ? [...stores].sort().join(',') : 'all stores',
  };
  const storeFilter = stores && {
    FilterExpression: `#transaction.#storeId IN (${[...stores].map((_, i) => `:store${i}`).join(', ')})`,
    ExpressionAttributeNames: { '#transaction': 'transaction', '#storeId': 'storeId' },
    storeValues: Object.fromEntries([...stores].map((storeId, i) => [`:store${i}`, storeId])),
  };
  if (stores?.size === 0) return { items: [], nextCursor: null };
  const found: Record<string, unknown>[] = [];
  let startKey = await decodeCursor(page.cursor, scope);
  for (let round = 0; round < (stores ? UNMATCHED_SCOPED_ROUNDS : 1); round++) {
    const result = await documents.query({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :unmatched',
      ExpressionAttributeValues: { ':unmatched': 'UNMATCHED', ...storeFilter?.storeValues },
      ...(storeFilter && {
        FilterExpression: storeFilter.FilterExpression,
        ExpressionAttributeNames: storeFilter.ExpressionAttributeNames,
      }),
      // What is still missing, so the page never reads past an item it does not return.
      Limit: page.limit - found.length,
      ExclusiveStartKey: startKey,
    });
    found.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey as typeof startKey;
    if (!startKey || found.length >= page.limit) break;
  }
  const items = found.map((item) => {
    const record = unmatchedRecordSchema.parse(item);
    return {
      transaction: record.transaction,
      receivedAt: record.receivedAt,
      reason: unmatchedReasonOf(record.reason),
      refundedAmount: record.refundedAmount,
    };
  });
  return { items, nextCursor: (await encodeCursor(startKey, scope)) ?? null };
}

const pendingRecordSchema = lazySchema(() =>
  z.extend(purchaseRecordSchema, {
    pointsStatus: z.literal('pending'),
    pendingUntil: z.string(),
  }),
);

/**
 * Moves points whose lock period has ended from pending to the balance (and into their lot). Each sale
 * is released in its own transaction, conditional on its version, so a refund racing the release is
 * never lost and a release that runs twice moves nothing twice.
 */
export async function releaseDuePendingPoints(now = new Date(), maxSales = 1000): Promise<number> {
  let released = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.query({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pending AND gsi1sk <= :now',
      ExpressionAttributeValues: { ':pending': 'PENDING', ':now': `${now.toISOString()}#~` },
      ExclusiveStartKey: startKey,
      Limit: 100,
    });
    for (const item of page.Items ?? []) {
      const sale = pendingRecordSchema.safeParse(
        await readItem(purchaseKey(String(item.storeId), String(item.transactionId))),
      );
      if (sale.success && sale.data.pendingUntil <= now.toISOString() && (await releaseSale(sale.data, now)))
        released++;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey && released < maxSales);
  return released;
}

async function releaseSale(sale: z.infer<typeof pendingRecordSchema>, now: Date): Promise<boolean> {
  const points = sale.points - sale.pointsReversed;
  const items: TransactItem[] = [
    {
      Update: {
        TableName: table(),
        Key: purchaseKey(sale.storeId, sale.transactionId),
        UpdateExpression:
          'SET pointsStatus = :available, releasedAt = :now, version = :next REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'version = :version AND pointsStatus = :pending',
        ExpressionAttributeValues: {
          ':available': 'available',
          ':pending': 'pending',
          ':now': now.toISOString(),
          ':next': sale.version + 1,
          ':version': sale.version,
        },
      },
    },
  ];
  if (points > 0) {
    items.push(
      {
        Update: {
          TableName: table(),
          Key: pointsAccountKey(sale.customerId),
          UpdateExpression: 'ADD pending :minus, balance :plus, version :one',
          ExpressionAttributeValues: { ':minus': -points, ':plus': points, ':one': 1 },
        },
      },
      lotCredit(sale.customerId, sale.lot, points),
      {
        Put: {
          TableName: table(),
          Item: {
            ...ledgerKey(sale.customerId, now, `release:${sale.storeId}:${sale.transactionId}`),
            type: 'release',
            points,
            status: 'available',
            source: { kind: 'purchase', storeId: sale.storeId, transactionId: sale.transactionId },
            lot: sale.lot,
            balanceDelta: points,
            pendingDelta: -points,
            at: now.toISOString(),
          },
        },
      },
    );
  }
  try {
    await documents.transactWrite({ TransactItems: items });
    return true;
  } catch (error) {
    // Changed by a refund or released by another run meanwhile: the next run looks again.
    if (conditionFailedReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}
