import { randomBytes } from 'node:crypto';
import * as z from '../zod';
import { disablePosKeyUsage, registerPosKeyUsage } from './usage-plan';
import { documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { Problem, problems } from '../http/problem';
import { storeSchema, type Store } from './schemas';
import { open, seal, sealedSchema } from './secret-box';
import { lazySchema } from '../lazy-schema';

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
    /** The API Gateway API key that gives this POS key its own limit in the POS usage plan. */
    usageKeyId: z.optional(z.string()),
  }),
);
export type PosKeyRecord = z.infer<typeof posKeyItemSchema>;

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
 * Issues a POS key for a store. The secret is returned once, here, and stored only sealed; the key id
 * may be chosen (the local demo seed does) or is generated.
 */
export async function issuePosKey(
  storeId: string,
  options: { keyId?: string; secret?: string } = {},
  now = new Date(),
) {
  if (!(await getStore(storeId))) throw problems.notFound(`Store ${storeId}`);
  const keyId = options.keyId ?? `pk-${randomBytes(8).toString('hex')}`;
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  if (await getPosKey(keyId)) throw new Problem(409, 'POS_KEY_EXISTS', 'Conflict', `Key ${keyId} exists.`);
  // The gateway learns of the key first: a key stored but unknown to its usage plan would be refused there.
  const usageKeyId = await registerPosKeyUsage(keyId);
  try {
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: {
        ...posKeyKey(keyId),
        keyId,
        storeId,
        status: 'active',
        secret: await seal(secret, keyId),
        createdAt: now.toISOString(),
        usageKeyId,
        gsi1pk: `STORE#${storeId}`,
        gsi1sk: `POSKEY#${keyId}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  } catch (error) {
    if (isConditionFailure(error))
      throw new Problem(409, 'POS_KEY_EXISTS', 'Conflict', `Key ${keyId} exists.`);
    throw error;
  }
  return { keyId, storeId, secret };
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

/** Issues a successor key; the old one keeps working for the grace period, then stops. */
export async function rotatePosKey(keyId: string, now = new Date()) {
  const current = await getPosKey(keyId);
  if (!current || !isPosKeyUsable(current, now)) throw problems.notFound(`Active POS key ${keyId}`);
  const successor = await issuePosKey(current.storeId, {}, now);
  const validUntil = new Date(now.getTime() + ROTATION_GRACE_HOURS * 3600_000).toISOString();
  await documents.transactWrite({
    TransactItems: [
      {
        Update: {
          TableName: tableNameFromEnv('main'),
          Key: posKeyKey(keyId),
          UpdateExpression: 'SET validUntil = :until, rotatedTo = :next',
          ConditionExpression: '#status = :active',
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
  return { ...successor, previousKeyValidUntil: validUntil };
}
