// The bench's write-unit meter sits on the platform's one DynamoDB client: what it counts must be what
// DynamoDB answered, refusals included (a cancelled credit did work in DynamoDB and is retried).
import { describe, expect, it } from 'vitest';
import { awsClients } from '../../lib/aws-clients';
import { meterCapacity } from '../../lib/bench/capacity';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';

describe('bench capacity meter', () => {
  it('counts calls by command, and refused calls by command and error', async () => {
    const meter = meterCapacity(await awsClients.dynamo());
    meter.reset();
    const TableName = tableNameFromEnv('main');
    const Item = { pk: `BENCHMETER#${Date.now()}`, sk: 'A', note: 'x' };
    await documents.put({ TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' });
    await expect(
      documents.put({ TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }),
    ).rejects.toThrow();
    await expect(
      documents.transactWrite({
        TransactItems: [{ Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } }],
      }),
    ).rejects.toThrow();

    const use = meter.use();
    expect(use.calls).toEqual({ PutItemCommand: 1 });
    expect(use.refused).toEqual({
      'PutItemCommand ConditionalCheckFailedException': 1,
      'TransactWriteItemsCommand TransactionCanceledException': 1,
    });
    expect(use.write).toBeGreaterThan(0);
  });
});
