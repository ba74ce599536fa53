// A data folder from an earlier version keeps working: npm start upgrades its accounts, lots and POS keys.
import { describe, expect, it } from 'vitest';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { posUsageKeyValue } from '../../lib/http/gateway';
import {
  customerKey,
  erasePersonalData,
  findCustomersByName,
  findOrRegisterCustomer,
  isNameIndexed,
} from '../../lib/customers/repository';
import { upgradeLocalData } from '../../lib/local/upgrade-data';
import { lotExpiryIndexKeys } from '../../lib/loyalty/lot-store';
import { LocalUsagePlans } from '../../lib/local/usage-plans';
import { unique } from '../support/members';

describe('local data upgrade', () => {
  it('gives old accounts the attributes credits add to and old POS keys their usage plan key, once', async () => {
    const customerId = unique('old');
    const keyId = unique('oldkey');
    const TableName = tableNameFromEnv('main');
    await documents.put({
      TableName,
      Item: { pk: `CUSTOMER#${customerId}`, sk: 'LOYALTY#ACCOUNT', customerId, balance: 5, tier: 'bronze' },
    });
    await documents.put({
      TableName,
      Item: { pk: `POSKEY#${keyId}`, sk: 'POSKEY', keyId, storeId: 's', status: 'active' },
    });
    // A lot indexed for expiry where it used to be (gsi1, all attributes).
    const lotIndex = {
      gsi1pk: 'LOTEXPIRY#2027-11',
      gsi1sk: `2027-11-30T16:00:00.000Z#${customerId}#2027-11`,
    };
    await documents.put({
      TableName,
      Item: {
        pk: `CUSTOMER#${customerId}`,
        sk: 'LOT#2027-11',
        customerId,
        remaining: 5,
        expiresAt: '2027-11-30T16:00:00.000Z',
        ...lotIndex,
      },
    });
    const plans = new LocalUsagePlans([
      { id: 'posplan', name: 'pos', throttle: { rateLimit: 10, burstLimit: 10 } },
    ]);
    expect(plans.admit(posUsageKeyValue(keyId))).toBe('invalid-key');
    expect(await upgradeLocalData(plans, 'posplan')).toBeGreaterThanOrEqual(2);
    const account = await documents.get({
      TableName,
      Key: { pk: `CUSTOMER#${customerId}`, sk: 'LOYALTY#ACCOUNT' },
    });
    expect(account.Item).toMatchObject({
      balance: 5,
      qualifyingByMonth: {},
      spendByMonth: {},
      purchaseCount: 0,
    });
    const lot = await documents.get({ TableName, Key: { pk: `CUSTOMER#${customerId}`, sk: 'LOT#2027-11' } });
    expect(lot.Item).toMatchObject({
      remaining: 5,
      gsi2pk: lotExpiryIndexKeys(customerId, { bucket: '2027-11', expiresAt: '2027-11-30T16:00:00.000Z' })
        .gsi2pk,
      gsi2sk: lotIndex.gsi1sk,
    });
    expect(lot.Item?.gsi1pk).toBeUndefined();
    const key = await documents.get({ TableName, Key: { pk: `POSKEY#${keyId}`, sk: 'POSKEY' } });
    expect(key.Item?.usageKeyId).toEqual(expect.any(String));
    expect(plans.admit(posUsageKeyValue(keyId))).toBe('admitted');
    // A second start finds nothing of these two to do.
    const again = await upgradeLocalData(plans, 'posplan');
    const stillOld = await documents.get({ TableName, Key: { pk: `POSKEY#${keyId}`, sk: 'POSKEY' } });
    expect(stillOld.Item?.usageKeyId).toBe(key.Item?.usageKeyId);
    expect(again).toBeGreaterThanOrEqual(0);
  });

  it('puts members named before the name index in it, once, and leaves erased members out', async () => {
    const TableName = tableNameFromEnv('main');
    const named = (await findOrRegisterCustomer({ openid: unique('openid-old') })).record.customerId;
    const erased = (await findOrRegisterCustomer({ openid: unique('openid-old') })).record.customerId;
    const surname = unique('Oldname').replace(/[^a-z0-9]/gi, '');
    for (const customerId of [named, erased])
      await documents.update({
        TableName,
        Key: customerKey(customerId),
        UpdateExpression: 'SET #name = :name',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':name': `${surname} Chen` },
      });
    await erasePersonalData(erased);
    const plans = new LocalUsagePlans([
      { id: 'posplan', name: 'pos', throttle: { rateLimit: 10, burstLimit: 10 } },
    ]);
    await upgradeLocalData(plans, 'posplan');
    const found = await findCustomersByName(surname, { limit: 10 });
    expect(found.records.map((record) => record.customerId)).toEqual([named]);
    expect(await isNameIndexed(named)).toBe(true);
    expect(await isNameIndexed(erased)).toBe(false);
  });

  it('adds the indexes defined since to a table kept from before, and waits until it takes writes', async () => {
    const {
      CreateTableCommand,
      DeleteTableCommand,
      DescribeTableCommand,
      DynamoDBClient,
      PutItemCommand,
      QueryCommand,
    } = await import('@aws-sdk/client-dynamodb');
    const { createTables, localTableName, startLocalDynamo, LOCAL_CREDENTIALS, LOCAL_REGION } =
      await import('../../lib/local/dynamodb');
    const { tables } = await import('../../lib/db/tables');
    const local = await startLocalDynamo({});
    const client = new DynamoDBClient({
      endpoint: local.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      const TableName = localTableName(tables.main);
      const S = (value: string) => ({ S: value });
      // The main table as the first version created it: gsi1 only.
      await client.send(new DeleteTableCommand({ TableName }));
      await client.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => ({
            AttributeName: name,
            AttributeType: 'S',
          })),
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: 'gsi1',
              KeySchema: [
                { AttributeName: 'gsi1pk', KeyType: 'HASH' },
                { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
      );
      await createTables(client);
      const { Table } = await client.send(new DescribeTableCommand({ TableName }));
      expect(
        Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus]).sort(),
      ).toEqual(tables.main.globalIndexes.map((index) => [index.name, 'ACTIVE']));
      await client.send(
        new PutItemCommand({ TableName, Item: { pk: S('a'), sk: S('b'), gsi2pk: S('K'), gsi2sk: S('1') } }),
      );
      const found = await client.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :k',
          ExpressionAttributeValues: { ':k': S('K') },
        }),
      );
      expect(found.Items).toHaveLength(1);
    } finally {
      client.destroy();
      await local.stop();
    }
  });
});
