import { createHash } from 'node:crypto';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { lazySchema } from '../lazy-schema';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The stores a member has bought at, for segments ("bought at one of these stores"). The account item,
 * which every credit writes, must stay under 1 KB (a write costs a unit per KB: a two-year member's
 * account is about 800 bytes without stores, a heavy platinum member's with nine-digit monthly spends
 * about 870). So it keeps at most this many bytes of stores, each as a six-character mark of its id
 * (sixteen stores); stores beyond live on an item of their own, by id, written only when the member buys
 * at one of them for the first time. Accounts of earlier versions keep whole ids (`storesVisited`),
 * which count against the same bytes.
 */
export const ACCOUNT_STORES_BYTES = 96;

/**
 * A store's mark on the account: 36 bits of its id's SHA-256. Two of a group's 500 stores share a mark
 * with a chance of about two in a million; a member who bought at one would then count as having bought
 * at the other.
 */
export const storeMark = (storeId: string) =>
  createHash('sha256').update(storeId).digest('base64url').slice(0, 6);

const moreStoresKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'LOYALTY#MORE_STORES' });

const storeSetSchema = lazySchema(() => z.optional(z.set(z.string())));

/** The stores an account item records: marks, and whole ids from earlier versions. */
export interface StoresOnAccount {
  marks: ReadonlySet<string>;
  ids: ReadonlySet<string>;
}

export const storesOnAccount = (accountItem: Record<string, unknown>): StoresOnAccount => ({
  marks: storeSetSchema.parse(accountItem.storeMarks) ?? new Set(),
  ids: storeSetSchema.parse(accountItem.storesVisited) ?? new Set(),
});

const bytesOf = (stores: Iterable<string>) =>
  [...stores].reduce((sum, store) => sum + Buffer.byteLength(store), 0);

const onAccount = (storeId: string, account: StoresOnAccount) =>
  account.ids.has(storeId) || account.marks.has(storeMark(storeId));

/** Where a purchase at a store is recorded: nowhere (a store the member knows), on the account, or beyond. */
export type StoreVisit = 'known' | 'first-on-account' | 'first-beyond-account';

/**
 * A purchase's store against the stores recorded: `beyond` are the stores on the member's other item,
 * read only when the store is neither on the account nor fits there.
 */
export function storeVisitOf(
  storeId: string,
  account: StoresOnAccount,
  beyond?: ReadonlySet<string>,
): StoreVisit {
  if (onAccount(storeId, account)) return 'known';
  const used = bytesOf(account.marks) + bytesOf(account.ids);
  if (used + storeMark(storeId).length <= ACCOUNT_STORES_BYTES) return 'first-on-account';
  return beyond?.has(storeId) ? 'known' : 'first-beyond-account';
}

async function storesBeyondAccount(customerId: string): Promise<ReadonlySet<string>> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: moreStoresKey(customerId),
  });
  return storeSetSchema.parse(Item?.stores) ?? new Set();
}

/** How a credit records the store it was bought at, reading the member's other stores only when it must. */
export async function storeVisit(
  customerId: string,
  storeId: string,
  account: StoresOnAccount,
): Promise<StoreVisit> {
  const visit = storeVisitOf(storeId, account);
  return visit === 'first-beyond-account'
    ? storeVisitOf(storeId, account, await storesBeyondAccount(customerId))
    : visit;
}

/** The credit's write of a store beyond the account (the account itself is marked `moreStores`). */
export function storeBeyondAccount(customerId: string, storeId: string): TransactItem {
  return {
    Update: {
      TableName: tableNameFromEnv('main'),
      Key: moreStoresKey(customerId),
      UpdateExpression: 'ADD stores :store',
      ExpressionAttributeValues: { ':store': new Set([storeId]) },
    },
  };
}

/**
 * Which of the given stores a member has bought at, for a segment: by the account's marks and ids, and
 * by the member's other stores when the account says there are more.
 */
export async function storesVisitedAmong(
  customerId: string,
  accountItem: Record<string, unknown>,
  candidates: readonly string[],
): Promise<string[]> {
  const account = storesOnAccount(accountItem);
  const found = candidates.filter((storeId) => onAccount(storeId, account));
  if (found.length === candidates.length || accountItem.moreStores !== true) return found;
  const beyond = await storesBeyondAccount(customerId);
  return candidates.filter((storeId) => found.includes(storeId) || beyond.has(storeId));
}
