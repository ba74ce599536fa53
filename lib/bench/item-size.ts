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

/**
 * Write units of one TransactWriteItems call by DynamoDB's published rules: two per KB of each item
 * (items other than puts are taken as up to 1 KB, which the platform's accounts and lots are), plus one
 * per KB for the index write of an item that carries or sets index keys. DynamoDB Local answers one
 * item's figure for the whole transaction, so the benchmark reckons transactions itself.
 */
export function transactionWriteUnits(items: readonly TransactItem[]): number {
  return items.reduce((sum, item) => {
    if (item.Put?.Item) {
      const kb = Math.max(1, Math.ceil(itemBytes(item.Put.Item) / 1024));
      return sum + 2 * kb + ('gsi1pk' in item.Put.Item ? kb : 0);
    }
    const setsIndexKeys = /\bgsi1pk\b/.test(item.Update?.UpdateExpression ?? '');
    return sum + 2 + (setsIndexKeys ? 1 : 0);
  }, 0);
}
