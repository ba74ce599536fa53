import { createHash } from 'node:crypto';
import * as z from '../zod';
import { Problem } from '../http/problem';
import { documents } from './client';
import { tableNameFromEnv } from './tables';

/**
 * An Idempotency-Key kept as an item beside the member's data and written inside the same transaction
 * as the change it guards, so the key and the change exist together or not at all.
 */
export interface IdempotencyRecordRef {
  customerId: string;
  /** What the key is for (`redeem`, `adjust`): one key may be used once per scope. */
  scope: string;
  key: string;
}

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

const recordKey = (ref: IdempotencyRecordRef) => ({
  pk: `CUSTOMER#${ref.customerId}`,
  sk: `IDEMPOTENCY#${ref.scope}#${ref.key}`,
});

export const requestHashOf = (request: unknown) =>
  createHash('sha256').update(JSON.stringify(request)).digest('hex');

export const keyReused = () =>
  new Problem(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'Unprocessable',
    'This Idempotency-Key was used for a different request.',
  );

/** The record to put, conditionally, in the transaction that makes the change. */
export function idempotencyRecordPut(
  ref: IdempotencyRecordRef,
  requestHash: string,
  fields: Record<string, unknown>,
  now: Date,
) {
  return {
    Put: {
      TableName: tableNameFromEnv('main'),
      Item: {
        ...recordKey(ref),
        requestHash,
        ...fields,
        expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The stored record for a key, if any; 422 when the key came with a different request. */
export async function readIdempotencyRecord<S extends z.core.$ZodShape>(
  ref: IdempotencyRecordRef,
  requestHash: string,
  shape: S,
) {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: recordKey(ref),
    ConsistentRead: true,
  });
  if (!Item) return undefined;
  const base = z.object({ requestHash: z.string(), result: z.optional(z.unknown()) }).parse(Item);
  if (base.requestHash !== requestHash) throw keyReused();
  return { ...(z.object(shape).parse(Item) as z.infer<z.ZodMiniObject<S>>), result: base.result };
}

/** Keeps the answer, so that a replay returns exactly the first result. */
export async function saveIdempotentResult(ref: IdempotencyRecordRef, result: unknown) {
  await documents.update({
    TableName: tableNameFromEnv('main'),
    Key: recordKey(ref),
    UpdateExpression: 'SET #result = :result',
    ExpressionAttributeNames: { '#result': 'result' },
    ExpressionAttributeValues: { ':result': result },
  });
}
