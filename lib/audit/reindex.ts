import { indexEarlierAuditEntry } from '.';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';

/**
 * Once after deploying the version that copies audit entries under their actor and action, gives the
 * entries written before it those copies, so searches by actor and action find them too (searches by
 * target and by time find them as they are). Idempotent, so it may be run again if interrupted:
 *   MAIN_TABLE_NAME=sbm-crm-prod-main AWS_REGION=... npx tsx lib/audit/reindex.ts
 */
let ExclusiveStartKey: Record<string, unknown> | undefined;
let copied = 0;
do {
  const page = await documents.scan({
    TableName: tableNameFromEnv('main'),
    FilterExpression: 'begins_with(gsi1pk, :auditTarget) AND attribute_not_exists(indexVersion)',
    ExpressionAttributeValues: { ':auditTarget': 'AUDIT#TARGET#' },
    ExclusiveStartKey,
  });
  for (const item of page.Items ?? []) if (await indexEarlierAuditEntry(item)) copied++;
  ExclusiveStartKey = page.LastEvaluatedKey;
} while (ExclusiveStartKey);
console.error(`Copied ${copied} earlier audit entries under their actor and action.`);
