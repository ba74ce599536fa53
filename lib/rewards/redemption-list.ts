import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { documents } from '../db/client';
import { decodeCursor, encodeCursor, type CursorScope } from '../db/cursor';
import { tableNameFromEnv } from '../db/tables';
import { lazySchema } from '../lazy-schema';
import { getReward } from './catalogue';
import {
  redemptionStatusSchema,
  rewardTypeSchema,
  type RedemptionStatus,
  type RedemptionSummary,
  type Reward,
} from './schemas';
import { redemptionSummarySchema } from './schemas';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const table = () => tableNameFromEnv('main');

/**
 * A redemption is listed twice on gsi1 besides its own record (whose gsi1 finds its member by id):
 * `REDEMPTIONS` / `<createdAt>#<id>` for the whole list, and `REDEMPTIONS#REWARD#<rewardId>` /
 * `<createdAt>#<id>` for one reward's, both newest first and bounded by date in the key. Redemptions come
 * at a few a second at the busiest, far under what one index partition takes.
 */
const listings = (summary: Pick<RedemptionSummary, 'redemptionId' | 'rewardId' | 'createdAt'>) => [
  { pk: `REDEMPTION#${summary.redemptionId}`, sk: 'LISTING#ALL', gsi1pk: 'REDEMPTIONS' },
  {
    pk: `REDEMPTION#${summary.redemptionId}`,
    sk: 'LISTING#REWARD',
    gsi1pk: `REDEMPTIONS#REWARD#${summary.rewardId}`,
  },
];

/** The listing items of a new redemption, written in its own transaction. */
export const redemptionListingPuts = (summary: RedemptionSummary): TransactItem[] =>
  listings(summary).map((keys) => ({
    Put: {
      TableName: table(),
      Item: { ...keys, gsi1sk: `${summary.createdAt}#${summary.redemptionId}`, ...summary },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));

/** The listing items' new state, written in the transaction that changes the redemption's. */
export const redemptionListingStatus = (
  summary: Pick<RedemptionSummary, 'redemptionId' | 'rewardId' | 'createdAt'>,
  status: RedemptionStatus,
): TransactItem[] =>
  listings(summary).map(({ pk, sk }) => ({
    Update: {
      TableName: table(),
      Key: { pk, sk },
      UpdateExpression: 'SET #status = :status',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status },
    },
  }));

export interface RedemptionFilter {
  rewardId?: string;
  customerId?: string;
  status?: RedemptionStatus;
  /** Both ends inclusive, UTC ISO moments. */
  from?: string;
  to?: string;
}

const FAR_PAST = '0000';
const FAR_FUTURE = '9999';

/**
 * Redemptions newest first, a page at a time, by key: one member's from their own partition, one reward's
 * or all from their gsi1 listing, between two moments; the state is a filter within that range (a page may
 * hold fewer than `limit`, its cursor goes on). The cursor opens only on the same list.
 */
export async function listRedemptions(
  filter: RedemptionFilter,
  page: { limit: number; cursor?: string },
): Promise<{ items: RedemptionSummary[]; nextCursor: string | null }> {
  const from = filter.from ?? FAR_PAST;
  const to = filter.to ?? FAR_FUTURE;
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  if (filter.status) {
    filters.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = filter.status;
  }
  if (filter.customerId) {
    // A member's own redemption records: ULIDs sort by time, createdAt bounds them exactly.
    if (filter.rewardId) {
      filters.push('rewardId = :reward');
      values[':reward'] = filter.rewardId;
    }
    filters.push('createdAt BETWEEN :from AND :to');
    const scope: CursorScope = {
      partition: { pk: `CUSTOMER#${filter.customerId}` },
      view: JSON.stringify(filter),
    };
    const result = await documents.query({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :redemption)',
      FilterExpression: filters.join(' AND '),
      ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
      ExpressionAttributeValues: {
        ...values,
        ':pk': `CUSTOMER#${filter.customerId}`,
        ':redemption': 'REDEMPTION#',
        ':from': from,
        ':to': to,
      },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: await decodeCursor(page.cursor, scope),
    });
    const rewards = new Map<string, Promise<Reward | undefined>>();
    const items = await Promise.all((result.Items ?? []).map((item) => summaryOfRecord(item, rewards)));
    return { items, nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null };
  }
  const gsi1pk = filter.rewardId ? `REDEMPTIONS#REWARD#${filter.rewardId}` : 'REDEMPTIONS';
  const scope: CursorScope = { partition: { gsi1pk }, view: JSON.stringify(filter) };
  const result = await documents.query({
    TableName: table(),
    IndexName: 'gsi1',
    // `<createdAt>#<id>` sorts after the bare moment and before `<moment>#~`: both ends are taken.
    KeyConditionExpression: 'gsi1pk = :list AND gsi1sk BETWEEN :from AND :to',
    ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: { ...values, ':list': gsi1pk, ':from': from, ':to': `${to}#~` },
    ScanIndexForward: false,
    Limit: page.limit,
    ExclusiveStartKey: await decodeCursor(page.cursor, scope),
  });
  return {
    items: (result.Items ?? []).map((item) => redemptionSummarySchema.parse(item)),
    nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null,
  };
}

const recordSchema = lazySchema(() =>
  z.object({
    redemptionId: z.string(),
    customerId: z.string(),
    rewardId: z.string(),
    rewardName: z.optional(z.string()),
    rewardType: z.optional(rewardTypeSchema),
    quantity: z.int(),
    pointsSpent: z.int(),
    status: redemptionStatusSchema,
    createdAt: z.string(),
    correlationId: z.string(),
  }),
);

/** A redemption record as listed; records from before they named their reward read it from the catalogue. */
async function summaryOfRecord(
  item: Record<string, unknown>,
  rewardsRead: Map<string, Promise<Reward | undefined>>,
): Promise<RedemptionSummary> {
  const record = recordSchema.parse(item);
  let { rewardName, rewardType } = record;
  if (!rewardName || !rewardType) {
    if (!rewardsRead.has(record.rewardId)) rewardsRead.set(record.rewardId, getReward(record.rewardId));
    const reward = await rewardsRead.get(record.rewardId);
    rewardName ??= reward?.name ?? record.rewardId;
    rewardType ??= reward?.type ?? 'coupon';
  }
  const campaign = /^campaign:(.+)$/.exec(record.correlationId)?.[1];
  return redemptionSummarySchema.parse({
    redemptionId: record.redemptionId,
    customerId: record.customerId,
    rewardId: record.rewardId,
    rewardName,
    rewardType,
    quantity: record.quantity,
    pointsSpent: record.pointsSpent,
    status: record.status,
    createdAt: record.createdAt,
    ...(campaign ? { campaignId: campaign } : {}),
  });
}
