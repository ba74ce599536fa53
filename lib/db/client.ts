import type {
  BatchGetCommandInput,
  BatchWriteCommandInput,
  DeleteCommandInput,
  DynamoDBDocumentClient,
  GetCommandInput,
  PutCommandInput,
  QueryCommandInput,
  ScanCommandInput,
  TransactGetCommandInput,
  TransactWriteCommandInput,
  UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { awsClients } from '../aws-clients';
import { tableNameFromEnv } from './tables';

let documentClient:
  Promise<{ client: DynamoDBDocumentClient; sdk: typeof import('@aws-sdk/lib-dynamodb') }> | undefined;

function loadDocumentClient() {
  return (documentClient ??= Promise.all([awsClients.dynamo(), import('@aws-sdk/lib-dynamodb')])
    .then(([dynamo, sdk]) => ({
      sdk,
      client: sdk.DynamoDBDocumentClient.from(dynamo, {
        marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
      }),
    }))
    .catch((error: unknown) => {
      documentClient = undefined;
      throw error;
    }));
}

/**
 * The one way to DynamoDB: document-client operations by name (`documents.get({...})`), on one client
 * per process that is created, SDK and all, on the first call.
 */
export const documents = {
  get: async (input: GetCommandInput) => {
    const { client, sdk } = await loadDocumentClient();
    return client.send(new sdk.GetCommand(input));
  },
  put: async (input: PutCommandInput) => {
    const { client, sdk } = await loadDocumentClient();
    return client.send(new sdk.PutCommand(input));
  },
  update: async (input: UpdateCommandInput) => {
    const { client, sdk } = await loadDocumentClient();
    return client.send(new sdk.UpdateCommand(input));
  },
  delete: async (input: DeleteCommandInput) => {
    const { client, sdk } = await loadDocumentClient();
    return client.send(new sdk.DeleteCommand(input));
  },
  query: async (input: QueryCommandInput) => {
    const { client, sdk } = await loadDocumentClient();
    return client.send(new sdk.QueryCommand(input));
  },
  scan: async (input: ScanCommandInput) => {
    const { client, sdk } = await loadDocumentClient();
    return client.send(new sdk.ScanCommand(input));
  },
  transactWrite: async (input: TransactWriteCommandInput) => {
    const { client, sdk } = await loadDocumentClient();
    return client.send(new sdk.TransactWriteCommand(input));
  },
  transactGet: async (input: TransactGetCommandInput) => {
    const { client, sdk } = await loadDocumentClient();
    return client.send(new sdk.TransactGetCommand(input));
  },
  batchGet: async (input: BatchGetCommandInput) => {
    const { client, sdk } = await loadDocumentClient();
    return client.send(new sdk.BatchGetCommand(input));
  },
  batchWrite: async (input: BatchWriteCommandInput) => {
    const { client, sdk } = await loadDocumentClient();
    return client.send(new sdk.BatchWriteCommand(input));
  },
};

/** Every item a query matches, page after page (for queries whose answers are known to be modest). */
export async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.query({ ...input, ExclusiveStartKey });
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * Reads items of the main table by key, a hundred at a time (BatchGetItem's limit), consistently; only the
 * projection's attributes when given, with `names` for those DynamoDB reserves (`#name`). Keys DynamoDB leaves
 * unprocessed (throttling) make it throw, so the caller's retry reads them rather than missing them.
 */
export async function getItems(
  keys: Record<string, unknown>[],
  projection?: string,
  names?: Record<string, string>,
) {
  const table = tableNameFromEnv('main');
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    const { Responses, UnprocessedKeys } = await documents.batchGet({
      RequestItems: {
        [table]: {
          Keys: keys.slice(i, i + 100),
          ConsistentRead: true,
          ProjectionExpression: projection,
          ExpressionAttributeNames: names,
        },
      },
    });
    if (UnprocessedKeys?.[table]?.Keys?.length) throw new Error('DynamoDB left keys unprocessed; retry');
    items.push(...(Responses?.[table] ?? []));
  }
  return items;
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** A transaction cancelled because one of its conditions failed (not a conflict or a throttle). */
export function conditionFailedReasons(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}
