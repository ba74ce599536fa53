import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { listEarlierStaff } from './staff';

/**
 * Once after deploying the version that lists staff (GET /v1/admin/staff), puts the staff members added
 * before it on the list. Idempotent, so it may be run again if interrupted:
 *   MAIN_TABLE_NAME=sbm-crm-prod-main AWS_REGION=... npm run staff:reindex
 */
let ExclusiveStartKey: Record<string, unknown> | undefined;
let listed = 0;
do {
  const page = await documents.scan({
    TableName: tableNameFromEnv('main'),
    FilterExpression: 'sk = :profile AND begins_with(pk, :staff) AND attribute_not_exists(gsi1pk)',
    ExpressionAttributeValues: { ':profile': 'PROFILE', ':staff': 'STAFF#' },
    ExclusiveStartKey,
  });
  for (const item of page.Items ?? []) if (await listEarlierStaff(item)) listed++;
  ExclusiveStartKey = page.LastEvaluatedKey;
} while (ExclusiveStartKey);
console.error(`Put ${listed} staff members added earlier on the staff list.`);
