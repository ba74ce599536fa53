import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tables } from '../db/tables';
import { localInvocation } from '../local/lambda';
import { indexKeysSetBy, transactionItemUnits, type IndexSpec } from './item-size';

type Json = unknown;
type Key = Record<string, Json>;
interface TransactItem {
  Put?: { TableName?: string; Item?: Record<string, Json> };
  Update?: { TableName?: string; Key?: Key; UpdateExpression?: string };
  Delete?: { TableName?: string };
  ConditionCheck?: { TableName?: string };
}

const WRITE_COMMANDS = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

export interface CapacityUse {
  read: number;
  write: number;
  /** DynamoDB calls made, by command. */
  calls: Record<string, number>;
  /** Calls DynamoDB refused, by command and error (a cancelled transaction, a failed condition). */
  refused: Record<string, number>;
}

/** An update inside a transaction, reckoned once the item it left behind can be read. */
interface TransactedUpdate {
  functionName: string;
  key: Key;
  indexKeysSet: string[];
}

/** Reads items of the main table by key, outside the meter. */
export type ItemReader = (keys: Key[]) => Promise<Key[]>;

const addCounts = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(
    [...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [k, (a[k] ?? 0) + (b[k] ?? 0)]),
  );

const keyString = (key: Key) => `${String(key.pk)}\u0000${String(key.sk)}`;

/**
 * Asks DynamoDB for ReturnConsumedCapacity on every call of the shared client (the idempotency
 * layer's calls go through it too) and adds the units up by the manifest function that made them.
 *
 * DynamoDB Local answers one item's figure for a whole TransactWriteItems, so transactions are reckoned
 * by DynamoDB's rules (item-size.ts): puts at once, updates by `settle`, which reads the items as they
 * were left (their size, and whether an ALL index holds them) after the run.
 */
export function meterCapacity(client: DynamoDBClient) {
  let byFunction = new Map<string, CapacityUse>();
  let updates: TransactedUpdate[] = [];
  const mainTable = process.env[tables.main.envVar];
  const indexesOf = (table: string | undefined): IndexSpec[] =>
    table === mainTable ? [...tables.main.globalIndexes] : [];
  const useOf = (functionName: string) => {
    const use = byFunction.get(functionName) ?? { read: 0, write: 0, calls: {}, refused: {} };
    byFunction.set(functionName, use);
    return use;
  };
  const add = (functionName: string, kind: 'read' | 'write', units: number) => {
    useOf(functionName)[kind] += units;
  };
  const reckonTransaction = (functionName: string, items: readonly TransactItem[]) => {
    for (const item of items) {
      if (item.Put?.Item) {
        const indexes = indexesOf(item.Put.TableName);
        const keysWritten = new Set(indexes.map((index) => index.name));
        add(functionName, 'write', transactionItemUnits(item.Put.Item, indexes, keysWritten));
      } else if (item.Update?.Key && item.Update.TableName === mainTable) {
        updates.push({
          functionName,
          key: item.Update.Key,
          indexKeysSet: indexKeysSetBy(item.Update.UpdateExpression ?? '', tables.main.globalIndexes),
        });
      } else {
        add(functionName, 'write', 2);
      }
    }
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string; TransactItems?: TransactItem[] };
      input.ReturnConsumedCapacity = 'TOTAL';
      const functionName = localInvocation.getStore()?.functionName ?? 'bench';
      const command = context.commandName ?? '';
      let result: Awaited<ReturnType<typeof next>>;
      try {
        result = await next(args);
      } catch (error) {
        const { refused } = useOf(functionName);
        const reason = `${command} ${(error as Error).name}`;
        refused[reason] = (refused[reason] ?? 0) + 1;
        throw error;
      }
      const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
      const { calls } = useOf(functionName);
      calls[command] = (calls[command] ?? 0) + 1;
      if (command === 'TransactWriteItemsCommand') {
        // The platform's transactions come through the document client, whose keys are marshalled after
        // this step: they are plain here.
        reckonTransaction(functionName, input.TransactItems ?? []);
      } else {
        // DynamoDB (Local too) answers a single call's total units, index writes included.
        const units = [output.ConsumedCapacity ?? []]
          .flat()
          .reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
        add(functionName, WRITE_COMMANDS.has(command) ? 'write' : 'read', units);
      }
      return result;
    },
    { step: 'initialize', name: 'benchCapacityMeter', override: true },
  );
  return {
    reset: () => {
      byFunction = new Map();
      updates = [];
    },
    /**
     * Reckons the transactions' updates so far from the items they left: two units a KB, one a KB for an
     * ALL index holding the item, one for a keys-only index the first time an update set the item's keys
     * there (later updates setting the same keys change nothing in it), and for an INCLUDE index each
     * time an update set its keys or copied attributes.
     */
    settle: async (read: ItemReader) => {
      const distinct = [...new Map(updates.map((update) => [keyString(update.key), update.key])).values()];
      const items = new Map<string, Key>();
      for (let i = 0; i < distinct.length; i += 100)
        for (const item of await read(distinct.slice(i, i + 100))) items.set(keyString(item), item);
      const keysCharged = new Set<string>();
      const keysOnly = new Set<string>(
        tables.main.globalIndexes
          .filter((index) => index.projection === 'KEYS_ONLY')
          .map((index) => index.name),
      );
      for (const update of updates) {
        const key = keyString(update.key);
        // Keys set again to what they were change nothing in a keys-only index; copied attributes are
        // written every time.
        const written = new Set(
          update.indexKeysSet.filter((index) => !keysOnly.has(index) || !keysCharged.has(`${key}|${index}`)),
        );
        for (const index of written) keysCharged.add(`${key}|${index}`);
        add(
          update.functionName,
          'write',
          transactionItemUnits(items.get(key), tables.main.globalIndexes, written),
        );
      }
      updates = [];
    },
    use: (functionNames?: readonly string[]): CapacityUse =>
      [...byFunction.entries()]
        .filter(([name]) => !functionNames || functionNames.includes(name))
        .reduce(
          (sum, [, use]) => ({
            read: sum.read + use.read,
            write: sum.write + use.write,
            calls: addCounts(sum.calls, use.calls),
            refused: addCounts(sum.refused, use.refused),
          }),
          { read: 0, write: 0, calls: {}, refused: {} } as CapacityUse,
        ),
    byFunction: () => new Map(byFunction),
  };
}
