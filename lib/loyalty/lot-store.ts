import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { documents } from '../db/client';
import { SCHEDULE_INDEX_SHARDS, shardSuffix } from '../db/shards';
import { tableNameFromEnv } from '../db/tables';
import type { LotBalance, LotRef } from './lots';
import { lazySchema } from '../lazy-schema';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const table = () => tableNameFromEnv('main');

/** A member's lot of points expiring together (its bucket names the expiry). */
export const lotKey = (customerId: string, bucket: string) => ({
  pk: `CUSTOMER#${customerId}`,
  sk: `LOT#${bucket}`,
});

const lotItemSchema = lazySchema(() =>
  z.object({ sk: z.string(), remaining: z.int(), expiresAt: z.string() }),
);

/** A lot item read from the table, as a balance. */
export function lotBalanceOf(item: Record<string, unknown>): LotBalance {
  const lot = lotItemSchema.parse(item);
  return { bucket: lot.sk.slice('LOT#'.length), remaining: lot.remaining, expiresAt: lot.expiresAt };
}

/** A member's lots with what remains in each (a dozen or so items: one query). */
export async function readLots(customerId: string): Promise<LotBalance[]> {
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :lot)',
    ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':lot': 'LOT#' },
    ConsistentRead: true,
  });
  return (result.Items ?? []).map(lotBalanceOf);
}

/**
 * The expiry index (gsi2, keys only): lots are found by the UTC month of their expiry and the member's
 * shard, then by instant. The keys never change while points come and go, so crediting a lot writes
 * nothing to the index; a month's new lots (all of a busy day's) are spread over 16 keys.
 */
export const lotExpiryIndexKeys = (customerId: string, lot: LotRef) => ({
  gsi2pk: `LOTEXPIRY#${lot.expiresAt.slice(0, 7)}#${shardSuffix(customerId, SCHEDULE_INDEX_SHARDS)}`,
  gsi2sk: `${lot.expiresAt}#${customerId}#${lot.bucket}`,
});

/** Adds points to a lot (creating it), indexed by expiry so the daily schedule finds it when it is due. */
export function lotCredit(customerId: string, lot: LotRef, points: number): TransactItem {
  const index = lotExpiryIndexKeys(customerId, lot);
  return {
    Update: {
      TableName: table(),
      Key: lotKey(customerId, lot.bucket),
      UpdateExpression:
        'ADD remaining :p, earned :p SET expiresAt = :expiresAt, customerId = :customer, gsi2pk = :g, gsi2sk = :gs',
      ExpressionAttributeValues: {
        ':p': points,
        ':expiresAt': lot.expiresAt,
        ':customer': customerId,
        ':g': index.gsi2pk,
        ':gs': index.gsi2sk,
      },
    },
  };
}

/** Takes the reversed points out of the sale's lot as far as they are still there (spent points are not). */
export async function lotDebitFor(
  customerId: string,
  bucket: string,
  points: number,
): Promise<TransactItem | undefined> {
  const lot = z
    .object({ remaining: z.int() })
    .safeParse(
      (await documents.get({ TableName: table(), Key: lotKey(customerId, bucket), ConsistentRead: true }))
        .Item,
    );
  const take = Math.min(points, lot.success ? lot.data.remaining : 0);
  if (take <= 0) return undefined;
  return {
    Update: {
      TableName: table(),
      Key: lotKey(customerId, bucket),
      UpdateExpression: 'ADD remaining :minus',
      ConditionExpression: 'remaining >= :take',
      ExpressionAttributeValues: { ':minus': -take, ':take': take },
    },
  };
}
