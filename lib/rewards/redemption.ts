import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import * as z from '../zod';
import { conditionFailedReasons, documents, getItems } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { decodeCursor, encodeCursor, invalidCursor } from '../db/cursor';
import {
  idempotencyRecordPut,
  keyReused,
  readIdempotencyRecord,
  requestHashOf,
  saveIdempotentResult,
} from '../db/idempotency-record';
import { publishEvents, type DomainEvent } from '../events/publisher';
import { recordBusinessMetric } from '../observability/record-business-metric';
import { Problem, problems } from '../http/problem';
import { pointsAccountKey } from '../loyalty/accounts';
import { lotExpiryIndexKeys, lotKey } from '../loyalty/lot-store';
import { readLots } from '../loyalty/lot-store';
import { planConsumption, type LotBalance } from '../loyalty/lots';
import { getReward, hasStock, isRedeemableNow, rewardKey, voucherKey, voucherPoolKey } from './catalogue';
import {
  heldVoucherSchema,
  PICKUP_CODE_LENGTH,
  redemptionResultSchema,
  redemptionStatusSchema,
  UNLIMITED,
  type HeldVoucher,
  type MemberRedemption,
  type RedemptionResult,
  type Reward,
} from './schemas';
import { lazySchema } from '../lazy-schema';
import { eventIdOf } from '../events/event-id';
import { redemptionListingPuts, redemptionListingStatus } from './redemption-list';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const table = () => tableNameFromEnv('main');
const customerPk = (customerId: string) => `CUSTOMER#${customerId}`;
export const redemptionKey = (customerId: string, redemptionId: string) => ({
  pk: customerPk(customerId),
  sk: `REDEMPTION#${redemptionId}`,
});
const limitCounterKey = (customerId: string, rewardId: string) => ({
  pk: customerPk(customerId),
  sk: `REWARDCOUNT#${rewardId}`,
});

const MAX_ATTEMPTS = 5;

export const conflicts = {
  insufficientPoints: () =>
    new Problem(409, 'INSUFFICIENT_POINTS', 'Conflict', 'The balance does not cover this redemption.'),
  outOfStock: () => new Problem(409, 'OUT_OF_STOCK', 'Conflict', 'This reward is out of stock.'),
  limitReached: () =>
    new Problem(409, 'LIMIT_REACHED', 'Conflict', 'You have redeemed this reward as often as allowed.'),
  unavailable: () =>
    new Problem(409, 'REWARD_UNAVAILABLE', 'Conflict', 'This reward cannot be redeemed now.'),
  keyReused,
  collected: () =>
    new Problem(
      409,
      'REDEMPTION_COLLECTED',
      'Conflict',
      'The item of this redemption was collected at the desk; it cannot be cancelled.',
    ),
  busy: () =>
    new Problem(409, 'REDEMPTION_BUSY', 'Conflict', 'Too many changes at once; retry.', {
      headers: { 'retry-after': '1' },
    }),
};

const idempotencyRef = (customerId: string, key: string) => ({ customerId, scope: 'redeem', key });

/** The first result for an Idempotency-Key, or 422 when the key came with another request. */
async function replay(customerId: string, key: string, hash: string): Promise<RedemptionResult | undefined> {
  const stored = await readIdempotencyRecord(idempotencyRef(customerId, key), hash, {
    redemptionId: z.string(),
  });
  if (!stored) return undefined;
  if (stored.result) return redemptionResultSchema.parse(stored.result);
  // Written in the same transaction as the spend, but its result not recorded yet (a crash right after): rebuild it.
  return resultOf(customerId, stored.redemptionId);
}

const redemptionRecordSchema = lazySchema(() =>
  z.object({
    redemptionId: z.string(),
    customerId: z.string(),
    rewardId: z.string(),
    quantity: z.int(),
    pointsSpent: z.int(),
    rewardName: z.optional(z.string()),
    rewardType: z.optional(z.enum(['voucher', 'coupon', 'physical'])),
    lots: z.array(z.object({ bucket: z.string(), take: z.int(), expiresAt: z.string() })),
    vouchers: z.array(
      z.object({
        code: z.string(),
        expiresAt: z.string(),
        fromPool: z.boolean(),
        kind: z.optional(z.literal('pickup')),
      }),
    ),
    status: redemptionStatusSchema,
    /** Listed on gsi1 for staff (redemptions made before the listing existed are not). */
    listed: z.optional(z.boolean()),
    eventsPublished: z.boolean(),
    correlationId: z.string(),
    createdAt: z.string(),
  }),
);
export type RedemptionRecord = z.infer<typeof redemptionRecordSchema>;
export const parseRedemptionRecord = (item: unknown) => redemptionRecordSchema.parse(item);

/** The listing of a redemption record, for staff. */
const summaryOf = (record: RedemptionRecord, reward: Pick<Reward, 'name' | 'type'>) => ({
  redemptionId: record.redemptionId,
  customerId: record.customerId,
  rewardId: record.rewardId,
  rewardName: reward.name,
  rewardType: reward.type,
  quantity: record.quantity,
  pointsSpent: record.pointsSpent,
  status: record.status,
  createdAt: record.createdAt,
  ...(record.correlationId.startsWith('campaign:')
    ? { campaignId: record.correlationId.slice('campaign:'.length) }
    : {}),
});

async function resultOf(customerId: string, redemptionId: string): Promise<RedemptionResult> {
  const { Item } = await documents.get({
    TableName: table(),
    Key: redemptionKey(customerId, redemptionId),
    ConsistentRead: true,
  });
  const record = redemptionRecordSchema.parse(Item);
  const account = await documents.get({ TableName: table(), Key: pointsAccountKey(customerId) });
  const vouchers = record.vouchers
    .filter((voucher) => voucher.kind !== 'pickup')
    .map(({ code, expiresAt }) => ({ code, expiresAt }));
  const pickup = record.vouchers.find((voucher) => voucher.kind === 'pickup');
  return {
    redemptionId: record.redemptionId,
    rewardId: record.rewardId,
    quantity: record.quantity,
    pointsSpent: record.pointsSpent,
    balance: Number(account.Item?.balance ?? 0),
    ...(vouchers.length ? { voucher: vouchers[0], vouchers } : {}),
    ...(pickup ? { pickup: { code: pickup.code, expiresAt: pickup.expiresAt } } : {}),
  };
}

/** A few more codes than needed are read and a random subset taken, so concurrent redemptions rarely collide. */
async function pickPoolCodes(rewardId: string, count: number): Promise<string[]> {
  const result = await documents.query({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :available)',
    ExpressionAttributeValues: { ':pk': `VOUCHERPOOL#${rewardId}`, ':available': 'AVAILABLE#' },
    ConsistentRead: true,
    Limit: count + 8,
  });
  const codes = (result.Items ?? []).map((item) => String(item.code));
  for (let i = codes.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [codes[i], codes[j]] = [codes[j]!, codes[i]!];
  }
  return codes.slice(0, count);
}

/**
 * The write that takes `quantity` units of a reward's stock, on condition that it is active and has them:
 * an unlimited coupon only counts the redemption, on condition that it is still unlimited.
 */
function stockTaken(reward: Reward, quantity: number): TransactItem {
  if (reward.stock === UNLIMITED)
    return {
      Update: {
        TableName: table(),
        Key: rewardKey(reward.id),
        UpdateExpression: 'ADD redeemed :q',
        ConditionExpression: '#status = :active AND stock = :unlimited',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':q': quantity, ':active': 'active', ':unlimited': UNLIMITED },
      },
    };
  return {
    Update: {
      TableName: table(),
      Key: rewardKey(reward.id),
      UpdateExpression: 'ADD stock :minus, redeemed :q',
      ConditionExpression: '#status = :active AND stock >= :q',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':minus': -quantity, ':q': quantity, ':active': 'active' },
    },
  };
}

const newCouponCode = () =>
  randomBytes(10).toString('base64url').replace(/[-_]/g, 'X').toUpperCase().slice(0, 12);

/** Letters and digits a desk cannot misread (no 0/O, 1/I/L): 31 of them. */
const PICKUP_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/**
 * A pickup code: 12 characters of 31, about 59 random bits, so guessing one among millions issued takes
 * billions of tries; a code that happens to exist already fails its put's condition and is drawn again.
 */
export const newPickupCode = () =>
  Array.from({ length: PICKUP_CODE_LENGTH }, () => PICKUP_ALPHABET[randomInt(PICKUP_ALPHABET.length)]).join(
    '',
  );
/** A pickup code as typed or scanned: spaces and hyphens dropped, upper case. */
export const normalisePickupCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

/**
 * The items that give a member one coupon or voucher of a reward as a campaign's gift, to be written in
 * the campaign award's own transaction: the stock (the reward must be active and in stock), the code
 * (a new unguessable coupon code, or one taken from the reward's imported pool), and a redemption of no
 * points so the member finds it with their rewards. The voucher names its campaign, for the results.
 */
export async function campaignGiftItems(rewardId: string, customerId: string, campaignId: string, now: Date) {
  const reward = await getReward(rewardId);
  if (!reward || (reward.type !== 'coupon' && reward.type !== 'voucher')) return undefined;
  const [code] = reward.type === 'voucher' ? await pickPoolCodes(reward.id, 1) : [newCouponCode()];
  if (!code) return undefined;
  const redemptionId = ulid(now.getTime());
  const expiresAt = new Date(now.getTime() + reward.voucherValidDays * 86_400_000).toISOString();
  const record: RedemptionRecord = {
    redemptionId,
    customerId,
    rewardId: reward.id,
    quantity: 1,
    pointsSpent: 0,
    lots: [],
    vouchers: [{ code, expiresAt, fromPool: reward.type === 'voucher' }],
    status: 'issued',
    eventsPublished: true,
    correlationId: `campaign:${campaignId}`,
    createdAt: now.toISOString(),
    rewardName: reward.name,
    rewardType: reward.type,
    listed: true,
  };
  const items: TransactItem[] = [
    stockTaken(reward, 1),
    {
      Put: {
        TableName: table(),
        Item: {
          ...redemptionKey(customerId, redemptionId),
          ...record,
          campaignId,
          gsi1pk: `REDEMPTION#${redemptionId}`,
          gsi1sk: customerId,
        },
      },
    },
    ...(reward.type === 'voucher'
      ? [
          {
            Delete: {
              TableName: table(),
              Key: voucherPoolKey(reward.id, code),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
        ]
      : []),
    {
      Put: {
        TableName: table(),
        Item: {
          ...voucherKey(code),
          code,
          rewardId: reward.id,
          rewardName: reward.name,
          customerId,
          redemptionId,
          campaignId,
          status: 'issued',
          expiresAt,
          gsi1pk: `VOUCHEREXPIRY#${expiresAt.slice(0, 7)}`,
          gsi1sk: `${expiresAt}#${code}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...redemptionListingPuts(summaryOf(record, reward)),
  ];
  return { items, code, redemptionId };
}

/**
 * Redeems a reward: the stock, the per-member count, the balance, the lots (soonest expiry first), the
 * ledger entry, the redemption, its vouchers and the Idempotency-Key record are written in one
 * transaction, each under its own condition. A conflict on a lot or a voucher code (another redemption
 * got there first) is retried with fresh reads; the balance and the stock can never be overdrawn.
 */
export async function redeemReward(
  request: {
    customerId: string;
    rewardId: string;
    quantity: number;
    idempotencyKey: string;
    correlationId: string;
  },
  now = new Date(),
): Promise<{ result: RedemptionResult; replayed: boolean }> {
  const hash = requestHashOf([request.rewardId, request.quantity]);
  const earlier = await replay(request.customerId, request.idempotencyKey, hash);
  if (earlier) return { result: earlier, replayed: true };
  const reward = await getReward(request.rewardId);
  if (!reward) throw problems.notFound(`Reward ${request.rewardId}`);
  if (!isRedeemableNow(reward, now))
    throw !hasStock(reward) && reward.status === 'active' ? conflicts.outOfStock() : conflicts.unavailable();
  // Refused before any write; the counter's condition below holds the same line for racing redemptions.
  if (reward.perCustomerLimit !== undefined && request.quantity > reward.perCustomerLimit)
    throw conflicts.limitReached();
  if (!hasStock(reward, request.quantity)) throw conflicts.outOfStock();
  const points = reward.pointsCost * request.quantity;

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const lots = await readLots(request.customerId);
    const plan = planConsumption(lots, points, now);
    if (!plan) throw conflicts.insufficientPoints();
    const outcome = await tryRedeem(request, reward, points, lots, plan, hash, now);
    if (outcome === 'retry') continue;
    if (outcome === 'replay') {
      const result = await replay(request.customerId, request.idempotencyKey, hash);
      if (result) return { result, replayed: true };
      continue;
    }
    // Counted once, by the request whose transaction wrote the redemption (never by a replay).
    recordBusinessMetric('Redemptions');
    recordBusinessMetric('PointsRedeemed', points);
    await finishRedemption(outcome);
    const result = await resultOf(request.customerId, outcome.redemptionId);
    await saveIdempotentResult(idempotencyRef(request.customerId, request.idempotencyKey), result);
    return { result, replayed: false };
  }
  throw conflicts.busy();
}

async function tryRedeem(
  request: {
    customerId: string;
    rewardId: string;
    quantity: number;
    idempotencyKey: string;
    correlationId: string;
  },
  reward: Reward,
  points: number,
  lots: LotBalance[],
  plan: { bucket: string; take: number }[],
  hash: string,
  now: Date,
): Promise<RedemptionRecord | 'retry' | 'replay'> {
  const { customerId, quantity } = request;
  const redemptionId = ulid(now.getTime());
  const expiryOf = new Map(lots.map((lot) => [lot.bucket, lot.expiresAt]));
  const voucherExpiresAt = new Date(now.getTime() + reward.voucherValidDays * 86_400_000).toISOString();
  const poolCodes = reward.type === 'voucher' ? await pickPoolCodes(reward.id, quantity) : [];
  if (reward.type === 'voucher' && poolCodes.length < quantity) throw conflicts.outOfStock();
  // A physical item's units are collected together, with one pickup code.
  const codes =
    reward.type === 'voucher'
      ? poolCodes
      : reward.type === 'coupon'
        ? Array.from({ length: quantity }, newCouponCode)
        : [newPickupCode()];
  const record: RedemptionRecord = {
    redemptionId,
    customerId,
    rewardId: reward.id,
    quantity,
    pointsSpent: points,
    lots: plan.map((step) => ({ ...step, expiresAt: expiryOf.get(step.bucket)! })),
    vouchers: codes.map((code) => ({
      code,
      expiresAt: voucherExpiresAt,
      fromPool: reward.type === 'voucher',
      ...(reward.type === 'physical' ? { kind: 'pickup' as const } : {}),
    })),
    status: 'issued',
    eventsPublished: false,
    correlationId: request.correlationId,
    createdAt: now.toISOString(),
    rewardName: reward.name,
    rewardType: reward.type,
    listed: true,
  };
  // Each action is labelled, so a cancelled transaction's reasons say which condition failed.
  const labelled: [string, TransactItem][] = [];
  const add = (label: string, item: TransactItem) => labelled.push([label, item]);
  add(
    'idempotency',
    idempotencyRecordPut(idempotencyRef(customerId, request.idempotencyKey), hash, { redemptionId }, now),
  );
  const items: TransactItem[] = [
    stockTaken(reward, quantity),
    {
      Update: {
        TableName: table(),
        Key: pointsAccountKey(customerId),
        UpdateExpression: 'ADD balance :minus, version :one',
        ConditionExpression: 'balance >= :points',
        ExpressionAttributeValues: { ':minus': -points, ':points': points, ':one': 1 },
      },
    },
    {
      Put: {
        TableName: table(),
        Item: {
          pk: customerPk(customerId),
          sk: `LEDGER#${now.toISOString()}#redeem:${redemptionId}`,
          type: 'redeem',
          points: -points,
          balanceDelta: -points,
          pendingDelta: 0,
          source: { kind: 'redemption', redemptionId, rewardId: reward.id },
          at: now.toISOString(),
        },
      },
    },
    {
      Put: {
        TableName: table(),
        Item: {
          ...redemptionKey(customerId, redemptionId),
          ...record,
          gsi1pk: `REDEMPTION#${redemptionId}`,
          gsi1sk: customerId,
        },
      },
    },
    ...plan.map((step): TransactItem => ({
      Update: {
        TableName: table(),
        Key: lotKey(customerId, step.bucket),
        UpdateExpression: 'ADD remaining :minus',
        ConditionExpression: 'remaining >= :take AND expiresAt > :now',
        ExpressionAttributeValues: { ':minus': -step.take, ':take': step.take, ':now': now.toISOString() },
      },
    })),
    ...record.vouchers.flatMap((voucher): TransactItem[] => [
      ...(voucher.fromPool
        ? [
            {
              Delete: {
                TableName: table(),
                Key: voucherPoolKey(reward.id, voucher.code),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          ]
        : []),
      {
        Put: {
          TableName: table(),
          Item: {
            ...voucherKey(voucher.code),
            code: voucher.code,
            rewardId: reward.id,
            rewardName: reward.name,
            customerId,
            redemptionId,
            status: 'issued',
            expiresAt: voucher.expiresAt,
            ...(voucher.kind
              ? { kind: voucher.kind, quantity, ...(reward.storeId ? { storeId: reward.storeId } : {}) }
              : {}),
            // Indexed by expiry while unused, so the daily run can cancel it and return the points.
            gsi1pk: `VOUCHEREXPIRY#${voucher.expiresAt.slice(0, 7)}`,
            gsi1sk: `${voucher.expiresAt}#${voucher.code}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]),
    ...redemptionListingPuts(summaryOf(record, reward)),
  ];
  const [stock, account, ...rest] = items;
  add('stock', stock!);
  if (reward.perCustomerLimit) {
    add('limit', {
      Update: {
        TableName: table(),
        Key: limitCounterKey(customerId, reward.id),
        UpdateExpression: 'ADD redeemed :q',
        // A member's first redemption has no counter yet: its quantity alone must be within the limit.
        ConditionExpression: '(attribute_not_exists(redeemed) AND :q <= :limit) OR redeemed <= :headroom',
        ExpressionAttributeValues: {
          ':q': quantity,
          ':limit': reward.perCustomerLimit,
          ':headroom': reward.perCustomerLimit - quantity,
        },
      },
    });
  }
  add('balance', account!);
  for (const item of rest) add('other', item);
  try {
    await documents.transactWrite({ TransactItems: labelled.map(([, item]) => item) });
    return record;
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (!reasons) throw error;
    const failed = new Set(
      labelled.filter((_, index) => reasons[index] === 'ConditionalCheckFailed').map(([label]) => label),
    );
    if (failed.has('idempotency')) return 'replay';
    if (failed.has('stock'))
      throw (await getReward(reward.id))?.status === 'active'
        ? conflicts.outOfStock()
        : conflicts.unavailable();
    if (failed.has('limit')) throw conflicts.limitReached();
    if (failed.has('balance')) throw conflicts.insufficientPoints();
    // A lot or a voucher code changed under us: read again and retry.
    return 'retry';
  }
}

async function finishRedemption(record: RedemptionRecord) {
  if (record.eventsPublished) return;
  await publishEvents(
    [
      {
        name: 'PointsRedeemed',
        eventId: eventIdOf('PointsRedeemed', record.redemptionId),
        data: {
          customerId: record.customerId,
          redemptionId: record.redemptionId,
          rewardId: record.rewardId,
          quantity: record.quantity,
          points: record.pointsSpent,
          redeemedAt: record.createdAt,
        },
      },
    ],
    record.correlationId,
  );
  await documents.update({
    TableName: table(),
    Key: redemptionKey(record.customerId, record.redemptionId),
    UpdateExpression: 'SET eventsPublished = :true',
    ExpressionAttributeValues: { ':true': true },
  });
}

/**
 * Cancels a redemption: the points go back to the lots they came from, with their original expiry;
 * the stock and the member's count are restored; unused vouchers are voided. A voucher already used
 * at the till cannot be cancelled.
 */
export async function cancelRedemption(
  customerId: string,
  redemptionId: string,
  reason: string,
  correlationId: string,
  now = new Date(),
) {
  const { Item } = await documents.get({
    TableName: table(),
    Key: redemptionKey(customerId, redemptionId),
    ConsistentRead: true,
  });
  if (!Item) throw problems.notFound(`Redemption ${redemptionId}`);
  const record = redemptionRecordSchema.parse(Item);
  if (record.status === 'cancelled') return { redemptionId, status: 'cancelled' as const, pointsReturned: 0 };
  if (record.status === 'collected') throw conflicts.collected();
  const reward = await getReward(record.rewardId);
  const items: TransactItem[] = [
    {
      Update: {
        TableName: table(),
        Key: redemptionKey(customerId, redemptionId),
        UpdateExpression: 'SET #status = :cancelled, cancelledAt = :now, cancelReason = :reason',
        ConditionExpression: '#status = :issued',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':cancelled': 'cancelled',
          ':issued': 'issued',
          ':now': now.toISOString(),
          ':reason': reason,
        },
      },
    },
    {
      Update: {
        TableName: table(),
        Key: pointsAccountKey(customerId),
        UpdateExpression: 'ADD balance :points, version :one',
        ExpressionAttributeValues: { ':points': record.pointsSpent, ':one': 1 },
      },
    },
    {
      Update: {
        TableName: table(),
        Key: rewardKey(record.rewardId),
        // Units go back to a limited stock; an unlimited coupon (or a pool, whose codes are spent) gets none.
        ...(reward?.stock === UNLIMITED || record.vouchers.some((v) => v.fromPool)
          ? {
              UpdateExpression: 'ADD redeemed :minus',
              ExpressionAttributeValues: { ':minus': -record.quantity },
            }
          : {
              UpdateExpression: 'ADD stock :q, redeemed :minus',
              ExpressionAttributeValues: { ':q': record.quantity, ':minus': -record.quantity },
            }),
      },
    },
    {
      Put: {
        TableName: table(),
        Item: {
          pk: customerPk(customerId),
          sk: `LEDGER#${now.toISOString()}#cancel:${redemptionId}`,
          type: 'cancel',
          points: record.pointsSpent,
          balanceDelta: record.pointsSpent,
          pendingDelta: 0,
          source: { kind: 'redemption', redemptionId, rewardId: record.rewardId, reason },
          at: now.toISOString(),
        },
      },
    },
    ...record.lots.map((lot): TransactItem => ({
      Update: {
        TableName: table(),
        Key: lotKey(customerId, lot.bucket),
        UpdateExpression:
          'ADD remaining :take SET expiresAt = :expiresAt, customerId = :customer, gsi2pk = :g, gsi2sk = :gs',
        ExpressionAttributeValues: {
          ':take': lot.take,
          ':expiresAt': lot.expiresAt,
          ':customer': customerId,
          ':g': lotExpiryIndexKeys(customerId, lot).gsi2pk,
          ':gs': lotExpiryIndexKeys(customerId, lot).gsi2sk,
        },
      },
    })),
    ...record.vouchers.map((voucher): TransactItem => ({
      Update: {
        TableName: table(),
        Key: voucherKey(voucher.code),
        UpdateExpression: 'SET #status = :void REMOVE gsi1pk, gsi1sk',
        ConditionExpression: '#status = :issued',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':void': 'cancelled', ':issued': 'issued' },
      },
    })),
  ];
  if (record.listed) items.push(...redemptionListingStatus(record, 'cancelled'));
  if (reward?.perCustomerLimit) {
    items.push({
      Update: {
        TableName: table(),
        Key: limitCounterKey(customerId, record.rewardId),
        UpdateExpression: 'ADD redeemed :minus',
        ExpressionAttributeValues: { ':minus': -record.quantity },
      },
    });
  }
  try {
    await documents.transactWrite({ TransactItems: items });
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (reasons?.[0] === 'ConditionalCheckFailed') {
      // Another change got there first: a cancel (this one's twin, answered alike) or a collection.
      const { Item: now } = await documents.get({
        TableName: table(),
        Key: redemptionKey(customerId, redemptionId),
        ConsistentRead: true,
      });
      if (redemptionRecordSchema.parse(now).status === 'collected') throw conflicts.collected();
      return { redemptionId, status: 'cancelled' as const, pointsReturned: 0 };
    }
    if (reasons?.some((reason) => reason === 'ConditionalCheckFailed')) {
      throw new Problem(
        409,
        'VOUCHER_USED',
        'Conflict',
        'A voucher of this redemption was already used; it cannot be cancelled.',
      );
    }
    throw error;
  }
  await publishEvents(
    [
      {
        name: 'RedemptionCancelled',
        eventId: eventIdOf('RedemptionCancelled', redemptionId),
        data: { customerId, redemptionId, rewardId: record.rewardId, points: record.pointsSpent, reason },
      },
    ],
    correlationId,
  );
  return { redemptionId, status: 'cancelled' as const, pointsReturned: record.pointsSpent };
}

/** Finds the member a redemption belongs to (staff address redemptions by id). */
export async function customerOfRedemption(redemptionId: string): Promise<string | undefined> {
  const result = await documents.query({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': `REDEMPTION#${redemptionId}` },
  });
  const item = result.Items?.[0];
  return item ? String(item.gsi1sk) : undefined;
}

/** What a till's acceptance of a code tells of it: whose, of which redemption and campaign, where and when. */
const usedVoucherSchema = lazySchema(() =>
  z.object({
    code: z.string(),
    customerId: z.string(),
    redemptionId: z.string(),
    rewardId: z.string(),
    campaignId: z.optional(z.string()),
    redeemedAtStore: z.string(),
    redeemedAt: z.string(),
  }),
);

/**
 * A code's use at a till, once per code: the id holds the redemption and a digest of the code (a redemption
 * may hold several codes; the code itself stays out of events).
 */
function voucherUsedEvent(item: unknown): DomainEvent {
  const voucher = usedVoucherSchema.parse(item);
  const codeDigest = createHash('sha256').update(voucher.code).digest('base64url').slice(0, 16);
  return {
    name: 'RedemptionCollected',
    eventId: eventIdOf('RedemptionCollected', voucher.redemptionId, codeDigest),
    data: {
      customerId: voucher.customerId,
      redemptionId: voucher.redemptionId,
      rewardId: voucher.rewardId,
      collectedBy: 'till',
      ...(voucher.campaignId ? { campaignId: voucher.campaignId } : {}),
      storeId: voucher.redeemedAtStore,
      quantity: 1,
      collectedAt: voucher.redeemedAt,
    },
  };
}

/** A till accepts a voucher once: the status moves from issued to redeemed under a condition. */
export async function redeemVoucherAtTill(
  code: string,
  storeId: string,
  correlationId: string,
  now = new Date(),
) {
  try {
    const { Attributes } = await documents.update({
      TableName: table(),
      Key: voucherKey(code),
      UpdateExpression:
        'SET #status = :redeemed, redeemedAt = :now, redeemedAtStore = :store REMOVE gsi1pk, gsi1sk',
      // A pickup code is for the service desk, not a till.
      ConditionExpression: '#status = :issued AND expiresAt > :now AND attribute_not_exists(kind)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':redeemed': 'redeemed',
        ':issued': 'issued',
        ':now': now.toISOString(),
        ':store': storeId,
      },
      ReturnValues: 'ALL_NEW',
    });
    const voucher = heldVoucherSchema.parse(Attributes);
    if (voucher.campaignId)
      await documents.update({
        TableName: table(),
        Key: { pk: `CAMPAIGN#${voucher.campaignId}`, sk: 'COUNTERS' },
        UpdateExpression: 'ADD couponsRedeemed :one',
        ExpressionAttributeValues: { ':one': 1 },
      });
    await publishEvents([voucherUsedEvent(Attributes)], correlationId);
    return {
      code: voucher.code,
      rewardId: voucher.rewardId,
      rewardName: voucher.rewardName,
      status: 'redeemed' as const,
    };
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    const { Item } = await documents.get({ TableName: table(), Key: voucherKey(code), ConsistentRead: true });
    if (!Item || Item.kind === 'pickup') throw problems.notFound('Voucher');
    const voucher = heldVoucherSchema.parse(Item);
    if (voucher.status === 'redeemed') {
      // Used by an earlier request (perhaps this till's, timed out), which may have stopped before its event.
      await publishEvents([voucherUsedEvent(Item)], correlationId);
      throw new Problem(409, 'VOUCHER_ALREADY_USED', 'Conflict', 'This voucher was already used.');
    }
    if (voucher.status === 'cancelled')
      throw new Problem(409, 'VOUCHER_CANCELLED', 'Conflict', 'This voucher was cancelled.');
    throw new Problem(409, 'VOUCHER_EXPIRED', 'Conflict', 'This voucher has expired.');
  }
}

/**
 * Cancels the redemptions whose vouchers expired unused (as of `now`), returning their points with
 * their original expiry. Looks back a year of expiry months for vouchers a missed run left behind.
 */
export async function cancelExpiredVouchers(now: Date, correlationId: string): Promise<number> {
  let cancelled = 0;
  for (let back = 12; back >= 0; back--) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))
      .toISOString()
      .slice(0, 7);
    const result = await documents.query({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :month AND gsi1sk <= :now',
      ExpressionAttributeValues: { ':month': `VOUCHEREXPIRY#${month}`, ':now': `${now.toISOString()}#~` },
    });
    for (const item of result.Items ?? []) {
      const voucher = z
        .object({
          customerId: z.string(),
          redemptionId: z.string(),
          status: z.string(),
          expiresAt: z.string(),
        })
        .parse(item);
      if (voucher.status !== 'issued' || voucher.expiresAt > now.toISOString()) continue;
      const outcome = await cancelRedemption(
        voucher.customerId,
        voucher.redemptionId,
        'voucher expired unused',
        correlationId,
        now,
      ).catch((error: Problem) => {
        if (error instanceof Problem && error.status === 409) return undefined; // used at a till meanwhile
        throw error;
      });
      if (outcome?.pointsReturned) cancelled++;
    }
  }
  return cancelled;
}

/**
 * The codes a member holds, newest first (their last 50 redemptions and campaign gifts), each with its
 * state now: issued, used at a till, or cancelled.
 */
export async function listMemberVouchers(customerId: string): Promise<HeldVoucher[]> {
  const { Items } = await documents.query({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :redemption)',
    ExpressionAttributeValues: { ':pk': customerPk(customerId), ':redemption': 'REDEMPTION#' },
    ScanIndexForward: false,
    Limit: 50,
  });
  const codes = (Items ?? []).flatMap((item) =>
    redemptionRecordSchema.parse(item).vouchers.map((v) => v.code),
  );
  const found = new Map<string, HeldVoucher>();
  for (const item of await getItems(codes.map(voucherKey))) {
    const voucher = heldVoucherSchema.parse(item);
    found.set(voucher.code, voucher);
  }
  return codes.flatMap((code) => (found.has(code) ? [found.get(code)!] : []));
}

const maskCode = (code: string) => '*'.repeat(Math.max(0, code.length - 4)) + code.slice(-4);

/**
 * A member's redemptions and campaign gifts, newest first, a page at a time: each with its reward's name
 * and the state of its codes now (issued, used at a till, cancelled), the codes masked.
 */
export async function listMemberRedemptions(
  customerId: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: MemberRedemption[]; nextCursor: string | null }> {
  const pk = customerPk(customerId);
  const scope = { partition: { pk } };
  const start = await decodeCursor(page.cursor, scope);
  if (start && !String(start.sk).startsWith('REDEMPTION#')) throw invalidCursor();
  const result = await documents.query({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :redemption)',
    ExpressionAttributeValues: { ':pk': pk, ':redemption': 'REDEMPTION#' },
    ScanIndexForward: false,
    ExclusiveStartKey: start,
    Limit: page.limit,
  });
  const records = (result.Items ?? []).map((item) => redemptionRecordSchema.parse(item));
  const rewardIds = [...new Set(records.map((record) => record.rewardId))];
  const codes = records.flatMap((record) => record.vouchers.map((voucher) => voucher.code));
  const [rewards, vouchers] = await Promise.all([
    getItems(rewardIds.map(rewardKey), 'id, #name', { '#name': 'name' }),
    getItems(codes.map(voucherKey)),
  ]);
  const rewardNames = new Map(rewards.map((item) => [String(item.id), String(item.name)]));
  const held = new Map(
    vouchers.map((item) => heldVoucherSchema.parse(item)).map((voucher) => [voucher.code, voucher]),
  );
  const items = records.map((record): MemberRedemption => {
    const codesHeld = record.vouchers.map((voucher) => held.get(voucher.code));
    const campaignId = codesHeld.find((voucher) => voucher?.campaignId)?.campaignId;
    return {
      redemptionId: record.redemptionId,
      rewardId: record.rewardId,
      rewardName: rewardNames.get(record.rewardId) ?? codesHeld[0]?.rewardName ?? record.rewardId,
      quantity: record.quantity,
      pointsSpent: record.pointsSpent,
      status: record.status,
      redeemedAt: record.createdAt,
      ...(campaignId ? { campaignId } : {}),
      vouchers: record.vouchers.map((voucher, i) => ({
        maskedCode: maskCode(voucher.code),
        status: codesHeld[i]?.status ?? (record.status === 'cancelled' ? 'cancelled' : 'issued'),
        expiresAt: voucher.expiresAt,
      })),
    };
  });
  return { items, nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null };
}
