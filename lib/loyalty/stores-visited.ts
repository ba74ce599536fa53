import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The stores a member has bought at, for segments ("bought at one of these stores"). The account item,
 * which every credit writes, keeps them up to this many bytes of store ids, so that it stays under 1 KB
 * (a write costs a unit per KB: a two-year member's account is about 800 bytes without stores, a heavy
 * platinum member's with nine-digit monthly spends about 870). Stores beyond live on an item of their
 * own, written only when the member buys at one of them for the first time.
 */
export const ACCOUNT_STORES_BYTES = 96;

const moreStoresKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'LOYALTY#MORE_STORES' });

const storeSetSchema = z.set(z.string());

/** The stores kept on an account item (none yet: an empty set). */
export const storesOnAccount = (accountItem: Record<string, unknown>): ReadonlySet<string> =>
  storeSetSchema.optional().parse(accountItem.storesVisited) ?? new Set();

const bytesOf = (stores: Iterable<string>) =>
  [...stores].reduce((sum, store) => sum + Buffer.byteLength(store), 0);

/** Where a purchase at a store is recorded: nowhere (a store the member knows), on the account, or beyond. */
export type StoreVisit = 'known' | 'first-on-account' | 'first-beyond-account';

/**
 * A purchase's store against the stores recorded: `beyond` are the stores on the member's other item,
 * read only when the store is neither on the account nor fits there.
 */
export function storeVisitOf(
  storeId: string,
  onAccount: ReadonlySet<string>,
  beyond?: ReadonlySet<string>,
): StoreVisit {
  if (onAccount.has(storeId)) return 'known';
  if (bytesOf(onAccount) + Buffer.byteLength(storeId) <= ACCOUNT_STORES_BYTES) return 'first-on-account';
  return beyond?.has(storeId) ? 'known' : 'first-beyond-account';
}

async function storesBeyondAccount(customerId: string): Promise<ReadonlySet<string>> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: moreStoresKey(customerId),
  });
  return storeSetSchema.optional().parse(Item?.stores) ?? new Set();
}

/** How a credit records the store it was bought at, reading the member's other stores only when it must. */
export async function storeVisit(
  customerId: string,
  storeId: string,
  onAccount: ReadonlySet<string>,
): Promise<StoreVisit> {
  const visit = storeVisitOf(storeId, onAccount);
  return visit === 'first-beyond-account'
    ? storeVisitOf(storeId, onAccount, await storesBeyondAccount(customerId))
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

/** Every store a member has bought at, for a segment: the account's, and the others when it has more. */
export async function storesVisitedBy(
  customerId: string,
  accountItem: Record<string, unknown>,
): Promise<string[]> {
  const onAccount = storesOnAccount(accountItem);
  if (accountItem.moreStores !== true) return [...onAccount];
  return [...new Set([...onAccount, ...(await storesBeyondAccount(customerId))])];
}
