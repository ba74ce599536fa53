const TYPE_KEYS = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);

type Json = unknown;

const isWireValue = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length === 1 &&
  TYPE_KEYS.has(Object.keys(value)[0]!);

const numberBytes = (digits: string) =>
  Math.ceil(digits.replace(/[-.]/g, '').replace(/^0+/, '').length / 2) + 1;

/** DynamoDB's size of one attribute value, given in wire form ({ S: "…" }) or as a plain JavaScript value. */
function valueBytes(value: Json): number {
  if (isWireValue(value)) {
    const [type, inner] = Object.entries(value)[0]!;
    switch (type) {
      case 'S':
        return Buffer.byteLength(String(inner));
      case 'N':
        return numberBytes(String(inner));
      case 'B':
        return typeof inner === 'string' ? Buffer.byteLength(inner, 'base64') : (inner as Uint8Array).length;
      case 'BOOL':
      case 'NULL':
        return 1;
      case 'M':
        return 3 + itemBytes(inner as Record<string, Json>);
      case 'L':
        return 3 + (inner as Json[]).reduce<number>((sum, element) => sum + 1 + valueBytes(element), 0);
      default:
        return (inner as Json[]).reduce<number>(
          (sum, element) => sum + valueBytes({ [type[0]!]: element }),
          0,
        );
    }
  }
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberBytes(String(value));
  if (value instanceof Uint8Array) return value.length;
  if (value instanceof Set) return [...value].reduce<number>((sum, element) => sum + valueBytes(element), 0);
  if (Array.isArray(value))
    return 3 + value.reduce<number>((sum, element) => sum + 1 + valueBytes(element), 0);
  if (typeof value === 'object') return 3 + itemBytes(value as Record<string, Json>);
  return 0;
}

/** The size DynamoDB bills an item by: every attribute name's UTF-8 length plus its value's size. */
export function itemBytes(item: Record<string, Json>): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => (value === undefined ? sum : sum + Buffer.byteLength(name) + valueBytes(value)),
    0,
  );
}

interface TransactItem {
  Put?: { Item?: Record<string, Json> };
  Update?: { UpdateExpression?: string };
  Delete?: unknown;
  ConditionCheck?: unknown;
}

export interface IndexSpec {
  name: string;
  partitionKey: string;
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  nonKeyAttributes?: readonly string[];
}

const kbOf = (item: Record<string, Json>) => Math.max(1, Math.ceil(itemBytes(item) / 1024));

/**
 * Write units of one item written in a transaction, by DynamoDB's published rules: two per KB of the
 * item, plus its index writes: an ALL index holding the item is rewritten whenever the item changes (one
 * per KB); a KEYS_ONLY index only when this write set the item's keys in it anew, an INCLUDE index when
 * it set the keys or the attributes copied there (`keysWritten`: one per KB of what the index holds).
 * `item` is the item after the write; undefined (a delete, a condition check) counts as up to 1 KB.
 */
export function transactionItemUnits(
  item: Record<string, Json> | undefined,
  indexes: readonly IndexSpec[],
  keysWritten: ReadonlySet<string>,
): number {
  const kb = kbOf(item ?? {});
  return indexes.reduce((sum, index) => {
    if (!item || item[index.partitionKey] === undefined) return sum;
    if (index.projection === 'ALL') return sum + kb;
    if (!keysWritten.has(index.name)) return sum;
    if (index.projection === 'KEYS_ONLY') return sum + 1;
    const copied = Object.fromEntries(
      Object.entries(item).filter(([name]) => (index.nonKeyAttributes ?? []).includes(name)),
    );
    return sum + kbOf(copied);
  }, 2 * kb);
}

/** The index names whose partition key (or, for INCLUDE, an attribute copied there) a SET clause assigns. */
export function indexKeysSetBy(updateExpression: string, indexes: readonly IndexSpec[]): string[] {
  const set = /\bSET\b(.*?)(?=\b(?:REMOVE|ADD|DELETE)\b|$)/s.exec(updateExpression)?.[1] ?? '';
  const assigned = (attribute: string) => new RegExp(`\\b${attribute}\\s*=`).test(set);
  return indexes
    .filter(
      (index) =>
        assigned(index.partitionKey) ||
        (index.projection === 'INCLUDE' && (index.nonKeyAttributes ?? []).some(assigned)),
    )
    .map((index) => index.name);
}

/**
 * Write units of a TransactWriteItems call whose updates are to items of up to 1 KB outside any index (the
 * raw baseline's): puts are sized, with a write to each index whose keys they carry. DynamoDB Local answers
 * one item's figure for the whole transaction, so the benchmark reckons transactions itself.
 */
export function transactionWriteUnits(
  items: readonly TransactItem[],
  indexes: readonly IndexSpec[] = [],
): number {
  return items.reduce((sum, item) => {
    if (item.Put?.Item)
      return sum + transactionItemUnits(item.Put.Item, indexes, new Set(indexes.map((index) => index.name)));
    return sum + 2;
  }, 0);
}
