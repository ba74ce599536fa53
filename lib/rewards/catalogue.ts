import { ulid } from 'ulid';
import { conditionFailedReasons, documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { Problem, problems } from '../http/problem';
import { assertRewardImageUploaded } from './images';
import {
  rewardSchema,
  UNLIMITED,
  type Reward,
  type RewardCategory,
  type RewardInput,
  type RewardPatch,
} from './schemas';

const table = () => tableNameFromEnv('main');
export const rewardKey = (rewardId: string) => ({ pk: `REWARD#${rewardId}`, sk: 'REWARD' });
export const voucherPoolKey = (rewardId: string, code: string) => ({
  pk: `VOUCHERPOOL#${rewardId}`,
  sk: `AVAILABLE#${code}`,
});
export const voucherKey = (code: string) => ({ pk: `VOUCHER#${code}`, sk: 'VOUCHER' });

const indexKeys = (reward: Pick<Reward, 'id' | 'status'>) => ({
  gsi1pk: 'REWARDS',
  gsi1sk: `${reward.status}#${reward.id}`,
});

export async function createReward(
  input: Omit<RewardInput, 'category'> & Partial<Pick<RewardInput, 'category'>>,
  now = new Date(),
): Promise<Reward> {
  if (input.imageKey) await assertRewardImageUploaded(input.imageKey);
  const reward: Reward = {
    id: ulid(now.getTime()),
    name: input.name,
    description: input.description,
    type: input.type,
    category: input.category ?? 'other',
    imageKey: input.imageKey,
    storeId: input.storeId,
    pointsCost: input.pointsCost,
    // A voucher reward's stock is its pool of imported codes.
    stock: input.type === 'voucher' ? 0 : (input.stock ?? 0),
    perCustomerLimit: input.perCustomerLimit,
    validFrom: input.validFrom,
    validTo: input.validTo,
    voucherValidDays: input.voucherValidDays,
    status: 'active',
    redeemed: 0,
    createdAt: now.toISOString(),
  };
  await documents.put({
    TableName: table(),
    Item: { ...rewardKey(reward.id), ...reward, ...indexKeys(reward) },
  });
  return reward;
}

export async function getReward(rewardId: string): Promise<Reward | undefined> {
  const { Item } = await documents.get({
    TableName: table(),
    Key: rewardKey(rewardId),
    ConsistentRead: true,
  });
  return Item ? rewardSchema.parse(Item) : undefined;
}

export interface CatalogueFilter {
  status?: Reward['status'];
  type?: Reward['type'];
  category?: RewardCategory;
}

/**
 * The catalogue a page at a time for staff (active first, then retired, each oldest first), filtered by
 * status (a key prefix) and by type and category; the cursor opens only on this list.
 */
export async function listCataloguePage(filter: CatalogueFilter, page: { limit: number; cursor?: string }) {
  const scope = { partition: { gsi1pk: 'REWARDS' }, view: filter.status ?? '' };
  const conditions: string[] = [];
  const values: Record<string, string> = { ':rewards': 'REWARDS' };
  if (filter.status) values[':status'] = `${filter.status}#`;
  if (filter.type) {
    conditions.push('#type = :type');
    values[':type'] = filter.type;
  }
  if (filter.category) {
    conditions.push('category = :category');
    values[':category'] = filter.category;
  }
  const result = await documents.query({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: filter.status
      ? 'gsi1pk = :rewards AND begins_with(gsi1sk, :status)'
      : 'gsi1pk = :rewards',
    ...(conditions.length
      ? {
          FilterExpression: conditions.join(' AND '),
          ...(filter.type ? { ExpressionAttributeNames: { '#type': 'type' } } : {}),
        }
      : {}),
    ExpressionAttributeValues: values,
    Limit: page.limit,
    ExclusiveStartKey: await decodeCursor(page.cursor, scope),
  });
  return {
    items: (result.Items ?? []).map((item) => rewardSchema.parse(item)),
    nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null,
  };
}

export async function listRewards(filter: { status?: Reward['status'] } = {}): Promise<Reward[]> {
  const result = await documents.query({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: filter.status
      ? 'gsi1pk = :rewards AND begins_with(gsi1sk, :status)'
      : 'gsi1pk = :rewards',
    ExpressionAttributeValues: {
      ':rewards': 'REWARDS',
      ...(filter.status ? { ':status': `${filter.status}#` } : {}),
    },
  });
  return (result.Items ?? []).map((item) => rewardSchema.parse(item));
}

/** Whether the reward has this many units left (always, for an unlimited coupon). */
export const hasStock = (reward: Pick<Reward, 'stock'>, quantity = 1) =>
  reward.stock === UNLIMITED || reward.stock >= quantity;

/** What members can redeem now: active, in its validity window, with stock left. */
export const isRedeemableNow = (reward: Reward, now = new Date()) =>
  reward.status === 'active' &&
  hasStock(reward) &&
  (!reward.validFrom || reward.validFrom <= now.toISOString()) &&
  (!reward.validTo || reward.validTo > now.toISOString());

const PATCHABLE = [
  'name',
  'description',
  'pointsCost',
  'perCustomerLimit',
  'validFrom',
  'validTo',
  'voucherValidDays',
  'category',
  'imageKey',
  'storeId',
] as const;

/** Changes a reward's terms; stock changes are relative (`addStock`), so they never race with redemptions. */
export async function updateReward(rewardId: string, patch: RewardPatch): Promise<Reward> {
  if (patch.imageKey) await assertRewardImageUploaded(patch.imageKey);
  const sets: string[] = [];
  const values: Record<string, unknown> = { ':active': 'active' };
  const names: Record<string, string> = { '#status': 'status' };
  for (const field of PATCHABLE) {
    if (patch[field] === undefined) continue;
    sets.push(`#${field} = :${field}`);
    names[`#${field}`] = field;
    values[`:${field}`] = patch[field];
  }
  const removes = patch.removeImage && !patch.imageKey ? ' REMOVE imageKey' : '';
  const adds = patch.addStock ? ' ADD stock :addStock' : '';
  if (patch.addStock) values[':addStock'] = patch.addStock;
  try {
    const { Attributes } = await documents.update({
      TableName: table(),
      Key: rewardKey(rewardId),
      UpdateExpression: `${sets.length ? `SET ${sets.join(', ')}` : ''}${adds}${removes}`.trim(),
      // An unlimited coupon has no units to add or remove (and ADD on its text would fail).
      ConditionExpression:
        '#status = :active' +
        (patch.addStock ? ' AND attribute_type(stock, :number)' : '') +
        (patch.addStock && patch.addStock < 0 ? ' AND stock >= :removable' : ''),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ...values,
        ...(patch.addStock ? { ':number': 'N' } : {}),
        ...(patch.addStock && patch.addStock < 0 ? { ':removable': -patch.addStock } : {}),
      },
      ReturnValues: 'ALL_NEW',
    });
    return rewardSchema.parse(Attributes);
  } catch (error) {
    if (isConditionFailure(error)) {
      if (!(await getReward(rewardId))) throw problems.notFound(`Reward ${rewardId}`);
      throw new Problem(
        409,
        'REWARD_NOT_EDITABLE',
        'Conflict',
        'The reward is retired, its stock is unlimited, or it has less stock than you tried to remove.',
      );
    }
    throw error;
  }
}

/** Retires a reward: members no longer see or redeem it; redemptions already made stand. */
export async function retireReward(rewardId: string, now = new Date()): Promise<Reward> {
  try {
    const { Attributes } = await documents.update({
      TableName: table(),
      Key: rewardKey(rewardId),
      UpdateExpression: 'SET #status = :retired, retiredAt = :now, gsi1sk = :sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':retired': 'retired',
        ':now': now.toISOString(),
        ':sk': `retired#${rewardId}`,
      },
      ReturnValues: 'ALL_NEW',
    });
    return rewardSchema.parse(Attributes);
  } catch (error) {
    if (isConditionFailure(error)) throw problems.notFound(`Reward ${rewardId}`);
    throw error;
  }
}

/** Why a row of an imported file added no code. */
export type ImportRowReason =
  'blank' | 'too_short' | 'too_long' | 'invalid_characters' | 'duplicate_in_file' | 'already_imported';
export interface ImportRowError {
  /** The row of the file, counting from `firstRow`. */
  row: number;
  code: string;
  reason: ImportRowReason;
}

/** A voucher code as the till reads it: 4 to 64 letters, digits, _ and -. */
export const VOUCHER_CODE_LENGTH = { min: 4, max: 64 } as const;

/** What is wrong with one row's code on its own, if anything (duplicates need the other rows). */
export function voucherCodeProblem(code: string): ImportRowReason | undefined {
  if (code.length === 0) return 'blank';
  if (code.length < VOUCHER_CODE_LENGTH.min) return 'too_short';
  if (code.length > VOUCHER_CODE_LENGTH.max) return 'too_long';
  if (!/^[\w-]+$/.test(code)) return 'invalid_characters';
  return undefined;
}

/**
 * Imports voucher codes into a voucher reward's pool; each new code adds one to its stock. Every row that
 * adds nothing is reported with its row number and why (blank, malformed, twice in the file, already in
 * the pool or already handed out), so staff can fix the file; re-importing a file is harmless.
 */
export async function importVoucherCodes(
  rewardId: string,
  codes: string[],
  firstRow = 1,
): Promise<{ imported: number; skipped: number; errors: ImportRowError[] }> {
  const reward = await getReward(rewardId);
  if (!reward) throw problems.notFound(`Reward ${rewardId}`);
  if (reward.type !== 'voucher')
    throw new Problem(409, 'NOT_A_VOUCHER_REWARD', 'Conflict', 'Only voucher rewards have a code pool.');
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  let imported = 0;
  for (const [index, raw] of codes.entries()) {
    const row = firstRow + index;
    const code = raw.trim();
    const reason = voucherCodeProblem(code) ?? (seen.has(code) ? 'duplicate_in_file' : undefined);
    if (reason) {
      errors.push({ row, code: code.slice(0, VOUCHER_CODE_LENGTH.max + 16), reason });
      continue;
    }
    seen.add(code);
    try {
      // A code already issued (no longer in the pool) must not come back through a re-import.
      await documents.transactWrite({
        TransactItems: [
          {
            Put: {
              TableName: table(),
              Item: { ...voucherPoolKey(rewardId, code), code, rewardId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            ConditionCheck: {
              TableName: table(),
              Key: voucherKey(code),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      });
      imported++;
    } catch (error) {
      if (!conditionFailedReasons(error)) throw error;
      errors.push({ row, code, reason: 'already_imported' });
    }
  }
  if (imported > 0) {
    await documents.update({
      TableName: table(),
      Key: rewardKey(rewardId),
      UpdateExpression: 'ADD stock :n',
      ExpressionAttributeValues: { ':n': imported },
    });
  }
  return { imported, skipped: codes.length - imported, errors };
}
