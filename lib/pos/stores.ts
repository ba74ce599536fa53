import { randomBytes } from 'node:crypto';
import * as z from '../zod';
import { disablePosKeyUsage, registerPosKeyUsage } from './usage-plan';
import { conditionFailedReasons, documents, getItems, isConditionFailure, queryAll } from '../db/client';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { tableNameFromEnv } from '../db/tables';
import { Problem, problems } from '../http/problem';
import { storeSchema, type PosKeyView, type Store } from './schemas';
import { open, seal, sealedSchema } from './secret-box';
import { lazySchema } from '../lazy-schema';
import { defineAuditSubject } from '../audit/subjects';

const storeKey = (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'STORE' });
const posKeyKey = (keyId: string) => ({ pk: `POSKEY#${keyId}`, sk: 'POSKEY' });

const posKeyItemSchema = lazySchema(() =>
  z.object({
    keyId: z.string(),
    storeId: z.string(),
    status: z.enum(['active', 'revoked']),
    secret: sealedSchema,
    createdAt: z.string(),
    /** Set when the key was rotated: it keeps working until then, so tills can switch over. */
    validUntil: z.optional(z.string()),
    /** The key that replaced this one when it was rotated (once: a key has at most one successor). */
    rotatedTo: z.optional(z.string()),
    /** The API Gateway API key that gives this POS key its own limit in the POS usage plan. */
    usageKeyId: z.optional(z.string()),
    revokedAt: z.optional(z.string()),
  }),
);
export type PosKeyRecord = z.infer<typeof posKeyItemSchema>;
/** A POS key in the audit trail (`pos-key:<id>`): its secret, sealed or not, is never kept. */
export const posKeyAuditSubject = defineAuditSubject('pos-key', { secret: ['secret'] });

/** How long a rotated key keeps working beside its successor. */
export const ROTATION_GRACE_HOURS = 24;

export async function createStore(
  store: { storeId: string; name: string },
  now = new Date(),
): Promise<Store> {
  const item = { storeId: store.storeId, name: store.name, active: true, createdAt: now.toISOString() };
  try {
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: { ...storeKey(store.storeId), ...item, gsi1pk: 'STORES', gsi1sk: store.storeId },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  } catch (error) {
    if (isConditionFailure(error))
      throw new Problem(409, 'STORE_EXISTS', 'Conflict', `Store ${store.storeId} exists.`);
    throw error;
  }
  return item;
}

/** Stores created before stores could be deactivated carry no `active`: they are active. */
const storeOf = (item: Record<string, unknown>) => storeSchema.parse({ active: true, ...item });

export async function getStore(storeId: string): Promise<Store | undefined> {
  const { Item } = await documents.get({ TableName: tableNameFromEnv('main'), Key: storeKey(storeId) });
  return Item ? storeOf(Item) : undefined;
}

/** The stores of these ids that exist, read by key in batches. */
export async function getStores(storeIds: Iterable<string>): Promise<Store[]> {
  return (await getItems([...new Set(storeIds)].map(storeKey))).map(storeOf);
}

const storesPartition = { gsi1pk: 'STORES' };

/**
 * One page of stores in the order of their ids. Staff whose permission reaches some stores only page
 * through those, read by key: the others are never read, and their cursor opens for that view alone.
 */
export async function listStores(
  page: { limit: number; cursor?: string },
  stores?: ReadonlySet<string>,
): Promise<{ items: Store[]; nextCursor: string | null }> {
  const scope = { partition: storesPartition, view: stores ? [...stores].sort().join(',') : 'all stores' };
  const after = await decodeCursor(page.cursor, scope);
  if (stores) {
    const ids = [...stores].sort().filter((storeId) => !after || storeId > String(after.gsi1sk));
    const pageIds = ids.slice(0, page.limit);
    const found = new Map(
      (await getItems(pageIds.map(storeKey))).map((item) => [String(item.storeId), storeOf(item)]),
    );
    const items = pageIds.flatMap((storeId) => found.get(storeId) ?? []);
    const last = pageIds.at(-1);
    const more = ids.length > page.limit && last;
    return {
      items,
      nextCursor: more ? ((await encodeCursor({ ...storesPartition, gsi1sk: last }, scope)) ?? null) : null,
    };
  }
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :stores',
    ExpressionAttributeValues: { ':stores': 'STORES' },
    Limit: page.limit,
    ExclusiveStartKey: after && {
      ...storeKey(String(after.gsi1sk)),
      ...storesPartition,
      gsi1sk: after.gsi1sk,
    },
  });
  const last = result.LastEvaluatedKey;
  return {
    items: (result.Items ?? []).map(storeOf),
    nextCursor: last
      ? ((await encodeCursor({ ...storesPartition, gsi1sk: String(last.gsi1sk) }, scope)) ?? null)
      : null,
  };
}

/** Renames a store; the before and after are for the audit trail. */
export async function renameStore(storeId: string, name: string) {
  try {
    const { Attributes } = await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: storeKey(storeId),
      UpdateExpression: 'SET #name = :name',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':name': name },
      ReturnValues: 'ALL_OLD',
    });
    const before = storeOf(Attributes!);
    return { before, after: { ...before, name } };
  } catch (error) {
    if (isConditionFailure(error)) throw problems.notFound(`Store ${storeId}`);
    throw error;
  }
}

/**
 * Deactivates a store: from now on no key is issued or rotated for it, and its keys are refused like
 * revoked ones (at the gateway at once, as their usage plan keys are disabled; by the signature check
 * within the minute an instance holds a key). Deactivating an inactive store changes nothing.
 */
export async function deactivateStore(storeId: string, now = new Date()) {
  const before = await getStore(storeId);
  if (!before) throw problems.notFound(`Store ${storeId}`);
  let after = before;
  if (before.active) {
    const { Attributes } = await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: storeKey(storeId),
      UpdateExpression: 'SET active = :inactive, deactivatedAt = if_not_exists(deactivatedAt, :now)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':inactive': false, ':now': now.toISOString() },
      ReturnValues: 'ALL_NEW',
    });
    after = storeOf(Attributes!);
  }
  // Every time, not only the first: a key issued while the store was being deactivated is stopped too.
  for (const key of await storePosKeys(storeId))
    if (key.usageKeyId && key.status === 'active') await disablePosKeyUsage(key.usageKeyId);
  return { before, after };
}

/**
 * In the transaction that stores a key: its store is still active, so no key is stored for a store once
 * it is deactivated, however an issue or a rotation races the deactivation.
 */
const storeStillActive = (storeId: string) => ({
  ConditionCheck: {
    TableName: tableNameFromEnv('main'),
    Key: storeKey(storeId),
    ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(active) OR active = :active)',
    ExpressionAttributeValues: { ':active': true },
  },
});

const storeInactive = (storeId: string) =>
  new Problem(409, 'STORE_INACTIVE', 'Conflict', `Store ${storeId} is deactivated: it gets no POS keys.`);

/**
 * A new key's item, its secret and its usage plan key: the gateway learns of the key first, since a key
 * stored but unknown to its usage plan would be refused there.
 */
async function newPosKey(storeId: string, options: { keyId?: string; secret?: string }, now: Date) {
  const keyId = options.keyId ?? `pk-${randomBytes(8).toString('hex')}`;
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const usageKeyId = await registerPosKeyUsage(keyId);
  const item = {
    ...posKeyKey(keyId),
    keyId,
    storeId,
    status: 'active',
    secret: await seal(secret, keyId),
    createdAt: now.toISOString(),
    usageKeyId,
    gsi1pk: `STORE#${storeId}`,
    gsi1sk: `POSKEY#${keyId}`,
  };
  return { keyId, storeId, secret, usageKeyId, item };
}

/**
 * Issues a POS key for a store. The secret is returned once, here, and stored only sealed; the key id
 * may be chosen (the local demo seed does) or is generated.
 */
export async function issuePosKey(
  storeId: string,
  options: { keyId?: string; secret?: string } = {},
  now = new Date(),
) {
  const store = await getStore(storeId);
  if (!store) throw problems.notFound(`Store ${storeId}`);
  if (!store.active) throw storeInactive(storeId);
  if (options.keyId && (await getPosKey(options.keyId)))
    throw new Problem(409, 'POS_KEY_EXISTS', 'Conflict', `Key ${options.keyId} exists.`);
  const key = await newPosKey(storeId, options, now);
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: tableNameFromEnv('main'),
            Item: key.item,
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        storeStillActive(storeId),
      ],
    });
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (!reasons) throw error;
    // The key was never stored: its usage plan key must not let anything in either.
    await disablePosKeyUsage(key.usageKeyId);
    if (reasons[1] === 'ConditionalCheckFailed') throw storeInactive(storeId);
    if (reasons[0] === 'ConditionalCheckFailed')
      throw new Problem(409, 'POS_KEY_EXISTS', 'Conflict', `Key ${key.keyId} exists.`);
    throw error;
  }
  return { keyId: key.keyId, storeId, secret: key.secret };
}

export async function getPosKey(keyId: string): Promise<PosKeyRecord | undefined> {
  const { Item } = await documents.get({ TableName: tableNameFromEnv('main'), Key: posKeyKey(keyId) });
  return Item ? posKeyItemSchema.parse(Item) : undefined;
}

export function isPosKeyUsable(key: PosKeyRecord, now = new Date()): boolean {
  return key.status === 'active' && (!key.validUntil || key.validUntil > now.toISOString());
}

export const revealPosSecret = (key: PosKeyRecord) => open(key.secret, key.keyId);

export async function revokePosKey(keyId: string, now = new Date()): Promise<void> {
  try {
    const { Attributes } = await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: posKeyKey(keyId),
      UpdateExpression: 'SET #status = :revoked, revokedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':revoked': 'revoked', ':now': now.toISOString() },
      ReturnValues: 'ALL_NEW',
    });
    const usageKeyId = posKeyItemSchema.parse(Attributes).usageKeyId;
    if (usageKeyId) await disablePosKeyUsage(usageKeyId);
  } catch (error) {
    if (isConditionFailure(error)) throw problems.notFound(`POS key ${keyId}`);
    throw error;
  }
}

const storeKeysQuery = (storeId: string) => ({
  TableName: tableNameFromEnv('main'),
  IndexName: 'gsi1',
  KeyConditionExpression: 'gsi1pk = :store AND begins_with(gsi1sk, :keys)',
  ExpressionAttributeValues: { ':store': `STORE#${storeId}`, ':keys': 'POSKEY#' },
});

/** Every POS key a store was ever issued. */
async function storePosKeys(storeId: string): Promise<PosKeyRecord[]> {
  return (await queryAll(storeKeysQuery(storeId))).map((item) => posKeyItemSchema.parse(item));
}

/** The key a rotation replaced that still works beside this one, if any. */
async function predecessorInGrace(key: PosKeyRecord, now: Date): Promise<PosKeyRecord | undefined> {
  return (await storePosKeys(key.storeId)).find(
    (candidate) => candidate.rotatedTo === key.keyId && isPosKeyUsable(candidate, now),
  );
}

/** What staff see of a key at `now`: its state and dates, never its secret, sealed or not. */
export function posKeyView(key: PosKeyRecord, now = new Date()): PosKeyView {
  const state =
    key.status === 'revoked'
      ? 'revoked'
      : !key.validUntil
        ? 'active'
        : key.validUntil > now.toISOString()
          ? 'rotating'
          : 'expired';
  return {
    keyId: key.keyId,
    storeId: key.storeId,
    state,
    createdAt: key.createdAt,
    ...(key.validUntil && { validUntil: key.validUntil }),
    ...(key.rotatedTo && { rotatedTo: key.rotatedTo }),
    ...(key.revokedAt && { revokedAt: key.revokedAt }),
  };
}

/** One page of a store's POS keys, in the order of their ids, with their state at `now`. */
export async function listPosKeys(
  storeId: string,
  page: { limit: number; cursor?: string },
  now = new Date(),
) {
  const scope = { partition: { gsi1pk: `STORE#${storeId}` } };
  const result = await documents.query({
    ...storeKeysQuery(storeId),
    Limit: page.limit,
    ExclusiveStartKey: await decodeCursor(page.cursor, scope),
  });
  return {
    items: (result.Items ?? []).map((item) => posKeyView(posKeyItemSchema.parse(item), now)),
    nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null,
  };
}

const rotationRefused = {
  alreadyRotated: (key: PosKeyRecord) =>
    new Problem(
      409,
      'POS_KEY_ALREADY_ROTATED',
      'Conflict',
      `Key ${key.keyId} was rotated to ${key.rotatedTo ?? 'a successor'} and stops at ${key.validUntil ?? 'the end of its grace period'}; its grace period is not extended.`,
    ),
  predecessorInGrace: (predecessor: PosKeyRecord) =>
    new Problem(
      409,
      'POS_KEY_ROTATION_PENDING',
      'Conflict',
      `Key ${predecessor.keyId}, which this key replaced, works until ${predecessor.validUntil}; rotate again after then, or revoke a key to stop it at once.`,
    ),
};

/**
 * Issues a successor key; the old one keeps working for the grace period, then stops. A key is rotated
 * once, so its grace end is fixed when it is, and a key has at most one predecessor still working.
 */
export async function rotatePosKey(keyId: string, now = new Date()) {
  const current = await getPosKey(keyId);
  if (!current || !isPosKeyUsable(current, now)) throw problems.notFound(`Active POS key ${keyId}`);
  if (current.rotatedTo) throw rotationRefused.alreadyRotated(current);
  if (!(await getStore(current.storeId))?.active) throw storeInactive(current.storeId);
  // Refused rather than ending the predecessor early: tills still on it would stop without warning; revoke stops a key at once.
  const predecessor = await predecessorInGrace(current, now);
  if (predecessor) throw rotationRefused.predecessorInGrace(predecessor);
  const successor = await newPosKey(current.storeId, {}, now);
  const validUntil = new Date(now.getTime() + ROTATION_GRACE_HOURS * 3600_000).toISOString();
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: tableNameFromEnv('main'),
            Item: successor.item,
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: tableNameFromEnv('main'),
            Key: posKeyKey(keyId),
            UpdateExpression: 'SET validUntil = :until, rotatedTo = :next',
            // A rotation racing this one may have fixed the grace end first: it stays as that one set it.
            ConditionExpression: '#status = :active AND attribute_not_exists(rotatedTo)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':until': validUntil,
              ':next': successor.keyId,
              ':active': 'active',
            },
          },
        },
        storeStillActive(current.storeId),
      ],
    });
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (!reasons) throw error;
    // The successor was never stored: its usage plan key must not let anything in either.
    await disablePosKeyUsage(successor.usageKeyId);
    if (reasons[2] === 'ConditionalCheckFailed') throw storeInactive(current.storeId);
    const latest = await getPosKey(keyId);
    if (latest?.rotatedTo) throw rotationRefused.alreadyRotated(latest);
    if (!latest || !isPosKeyUsable(latest, now)) throw problems.notFound(`Active POS key ${keyId}`);
    throw error;
  }
  return {
    keyId: successor.keyId,
    storeId: successor.storeId,
    secret: successor.secret,
    previousKeyValidUntil: validUntil,
  };
}
