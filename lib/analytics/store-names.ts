import { getStores } from '../pos/stores';

/** Report rows with their store's name beside its id (the rows' stores read by key, in batches). */
export async function withStoreNames<Row extends { storeId: string }>(
  rows: Row[],
): Promise<(Row & { storeName?: string })[]> {
  if (rows.length === 0) return rows;
  const names = new Map(
    (await getStores(rows.map((row) => row.storeId))).map((store) => [store.storeId, store.name]),
  );
  return rows.map((row) => {
    const storeName = names.get(row.storeId);
    return storeName === undefined ? row : { ...row, storeName };
  });
}
