import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localInvocation } from '../local/lambda';
import { transactionWriteUnits } from './item-size';

type TransactItem = Parameters<typeof transactionWriteUnits>[0][number];

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
}

/**
 * Asks DynamoDB for ReturnConsumedCapacity on every call of the shared client (the idempotency
 * layer's calls go through it too) and adds the units up by the manifest function that made them.
 */
export function meterCapacity(client: DynamoDBClient) {
  let byFunction = new Map<string, CapacityUse>();
  const add = (
    functionName: string,
    command: string,
    consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
  ) => {
    const use = byFunction.get(functionName) ?? { read: 0, write: 0 };
    // DynamoDB (Local too) answers a call's total units, index writes included; a write call's are write units.
    const units = [consumed ?? []].flat().reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
    if (WRITE_COMMANDS.has(command)) use.write += units;
    else use.read += units;
    byFunction.set(functionName, use);
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string; TransactItems?: TransactItem[] };
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
      const functionName = localInvocation.getStore()?.functionName ?? 'bench';
      if (context.commandName === 'TransactWriteItemsCommand')
        add(functionName, 'TransactWriteItemsCommand', {
          CapacityUnits: transactionWriteUnits(input.TransactItems ?? []),
        });
      else add(functionName, context.commandName ?? '', output.ConsumedCapacity);
      return result;
    },
    { step: 'initialize', name: 'benchCapacityMeter', override: true },
  );
  return {
    reset: () => (byFunction = new Map()),
    use: (functionNames?: readonly string[]): CapacityUse =>
      [...byFunction.entries()]
        .filter(([name]) => !functionNames || functionNames.includes(name))
        .reduce((sum, [, use]) => ({ read: sum.read + use.read, write: sum.write + use.write }), {
          read: 0,
          write: 0,
        }),
    byFunction: () => new Map(byFunction),
  };
}
