import { getStores } from '../pos/stores';

/**
 * The names of the stores a report's rows name in its `store_id` column, so that every reader sees the
 * mall's names without needing the store list (`stores:read`).
 */
export async function storeNamesOf(
  columns: { name: string }[],
  rows: (string | number | null)[][],
): Promise<Record<string, string>> {
  const column = columns.findIndex((candidate) => candidate.name === 'store_id');
  if (column < 0) return {};
  const ids = [
    ...new Set(rows.map((row) => row[column]).filter((id): id is string => typeof id === 'string')),
  ];
  if (ids.length === 0) return {};
  return Object.fromEntries((await getStores(ids)).map((store) => [store.storeId, store.name]));
}

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
