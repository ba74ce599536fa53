import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  ScanCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { tables } from '../db/tables';
import { transactionWriteUnits } from './item-size';
import { elapsedMs, runPool } from './stats';

/**
 * DynamoDB Local on its own, with no platform code in the way: the floor the pipeline and the API are
 * compared with. The items are those a credited purchase must write at the least: the purchase record
 * (its key is the idempotency guard; it carries the ledger's earn entry, listed by the ledger index), the
 * lot and the account's balance.
 */
export class DynamoBaseline {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    endpoint: string,
    private readonly table: string,
  ) {
    this.client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 10,
      }),
    );
  }

  private accountKey = (member: number) => ({ pk: `BENCHRAW#${member}`, sk: 'ACCOUNT' });

  async openAccounts(members: number) {
    for (let first = 0; first < members; first += 25) {
      const batch = Array.from({ length: Math.min(25, members - first) }, (_, i) => ({
        PutRequest: {
          Item: { ...this.accountKey(first + i), balance: 0, lifetimeEarned: 0, tier: 'member', version: 0 },
        },
      }));
      await this.client.send(new BatchWriteCommand({ RequestItems: { [this.table]: batch } }));
    }
  }

  private purchaseItems(
    run: string,
    index: number,
    member: number,
    points: number,
  ): NonNullable<TransactWriteCommandInput['TransactItems']> {
    const now = new Date().toISOString();
    const ref = `purchase:bench-store:${run}-${index}`;
    return [
      {
        Put: {
          TableName: this.table,
          Item: {
            pk: `BENCHRAW#POSTX#${run}-${index}`,
            sk: 'PURCHASE',
            status: 'credited',
            customerId: `raw-${member}`,
            storeId: 'bench-store',
            amount: points * 100,
            occurredAt: now,
            points,
            creditedAt: now,
            // The earn entry, on the member's ledger through the ledger index.
            gsi3pk: `BENCHRAW#${member}`,
            gsi3sk: `LEDGER#${now}#${ref}`,
            ledgerEntry: { type: 'earn', points, balanceDelta: points, at: now },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: { pk: `BENCHRAW#${member}`, sk: 'LOT#2027-12' },
          UpdateExpression: 'ADD remaining :p, earned :p SET expiresAt = :e',
          ExpressionAttributeValues: { ':p': points, ':e': '2027-12-31T15:59:59.999Z' },
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: this.accountKey(member),
          UpdateExpression: 'ADD balance :p, lifetimeEarned :p, version :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':p': points, ':one': 1 },
        },
      },
    ];
  }

  /** Credited-purchase transactions per second at the given concurrency, members chosen by `pick`. */
  async purchaseTransactions(options: {
    transactions: number;
    concurrency: number;
    pick: () => number;
    run: string;
  }): Promise<{ perSecond: number; writeUnits: number }> {
    const members = Array.from({ length: options.transactions }, () => options.pick());
    let writeUnits = 0;
    const started = performance.now();
    await runPool(options.concurrency, options.transactions, async (index) => {
      const TransactItems = this.purchaseItems(options.run, index, members[index]!, 10 + (index % 90));
      await this.client.send(new TransactWriteCommand({ TransactItems, ReturnConsumedCapacity: 'TOTAL' }));
      writeUnits += transactionWriteUnits(TransactItems, tables.main.globalIndexes);
    });
    return {
      perSecond: options.transactions / (elapsedMs(started) / 1000),
      writeUnits: writeUnits / options.transactions,
    };
  }

  /** Latencies of GetItem on the given keys, each of `clients` reading `requestsPerClient` times. */
  async getLatencies(
    keys: Record<string, string>[],
    options: { clients: number; requestsPerClient: number },
  ): Promise<number[]> {
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: options.clients }, async (_, client) => {
        const Key = keys[client % keys.length]!;
        for (let i = 0; i < options.requestsPerClient; i++) {
          const started = performance.now();
          await this.client.send(new GetCommand({ TableName: this.table, Key }));
          latencies.push(elapsedMs(started));
        }
      }),
    );
    return latencies;
  }

  /** Items by key, read consistently as the benchmark's meter needs them (outside the meter). */
  async getItems(keys: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    const { Responses, UnprocessedKeys } = await this.client.send(
      new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }),
    );
    const left = UnprocessedKeys?.[this.table]?.Keys ?? [];
    return [...(Responses?.[this.table] ?? []), ...(left.length ? await this.getItems(left) : [])];
  }

  /** Purchase records credited under a key prefix, counted with a paginated Scan. */
  async countCreditedPurchases(transactionIdPrefix: string): Promise<number> {
    let count = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.table,
          Select: 'COUNT',
          FilterExpression:
            'begins_with(pk, :sale) AND sk = :purchase AND #status = :credited AND begins_with(transactionId, :run)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sale': 'POSTX#',
            ':purchase': 'PURCHASE',
            ':credited': 'credited',
            ':run': transactionIdPrefix,
          },
          ExclusiveStartKey,
        }),
      );
      count += page.Count ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return count;
  }

  close() {
    this.client.destroy();
  }
}
