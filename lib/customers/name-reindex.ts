import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { indexEarlierName, isNameIndexed } from './repository';

/**
 * Once after deploying the version that finds members by name, puts the members named before it in the
 * name index. Idempotent (it writes only index items, each keyed by member and prefix, and skips members
 * indexed already), so it may be run again if interrupted:
 *   MAIN_TABLE_NAME=sbm-crm-prod-main AWS_REGION=... npm run customers:reindex
 */
let ExclusiveStartKey: Record<string, unknown> | undefined;
let indexed = 0;
do {
  const page = await documents.scan({
    TableName: tableNameFromEnv('main'),
    FilterExpression:
      'sk = :profile AND begins_with(pk, :customer) AND attribute_exists(#name) AND attribute_not_exists(erasedAt)',
    ExpressionAttributeNames: { '#name': 'name' },
    ExpressionAttributeValues: { ':profile': 'PROFILE', ':customer': 'CUSTOMER#' },
    ExclusiveStartKey,
  });
  for (const item of page.Items ?? []) {
    const customerId = String(item.customerId);
    if (!(await isNameIndexed(customerId)) && (await indexEarlierName(customerId))) indexed++;
  }
  ExclusiveStartKey = page.LastEvaluatedKey;
} while (ExclusiveStartKey);
console.error(`Put ${indexed} members named earlier in the name index.`);
