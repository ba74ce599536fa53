import { randomBytes } from 'node:crypto';
import * as z from '../zod';
import { disablePosKeyUsage, registerPosKeyUsage } from './usage-plan';
import { conditionFailedReasons, documents, isConditionFailure, queryAll } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { Problem, problems } from '../http/problem';
import { storeSchema, type Store } from './schemas';
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
  const item = { storeId: store.storeId, name: store.name, createdAt: now.toISOString() };
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

export async function getStore(storeId: string): Promise<Store | undefined> {
  const { Item } = await documents.get({ TableName: tableNameFromEnv('main'), Key: storeKey(storeId) });
  return Item ? storeSchema.parse(Item) : undefined;
}

export async function listStores(): Promise<Store[]> {
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :stores',
    ExpressionAttributeValues: { ':stores': 'STORES' },
  });
  return (result.Items ?? []).map((item) => storeSchema.parse(item));
}

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
  if (!(await getStore(storeId))) throw problems.notFound(`Store ${storeId}`);
  if (options.keyId && (await getPosKey(options.keyId)))
    throw new Problem(409, 'POS_KEY_EXISTS', 'Conflict', `Key ${options.keyId} exists.`);
  const key = await newPosKey(storeId, options, now);
  try {
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: key.item,
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  } catch (error) {
    if (isConditionFailure(error))
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

/** The key a rotation replaced that still works beside this one, if any. */
async function predecessorInGrace(key: PosKeyRecord, now: Date): Promise<PosKeyRecord | undefined> {
  const keys = await queryAll({
    TableName: tableNameFromEnv('main'),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :store AND begins_with(gsi1sk, :keys)',
    ExpressionAttributeValues: { ':store': `STORE#${key.storeId}`, ':keys': 'POSKEY#' },
  });
  return keys
    .map((item) => posKeyItemSchema.parse(item))
    .find((candidate) => candidate.rotatedTo === key.keyId && isPosKeyUsable(candidate, now));
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
      ],
    });
  } catch (error) {
    if (!conditionFailedReasons(error)) throw error;
    // The successor was never stored: its usage plan key must not let anything in either.
    await disablePosKeyUsage(successor.usageKeyId);
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
