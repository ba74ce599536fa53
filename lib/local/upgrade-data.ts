import { indexEarlierAuditEntry } from '../audit';
import { listEarlierStaff } from '../auth/staff';
import { indexEarlierName, isNameIndexed } from '../customers/repository';
import { documents } from '../db/client';
import { SCHEDULE_INDEX_SHARDS, shardSuffix } from '../db/shards';
import { tableNameFromEnv } from '../db/tables';
import { posUsageKeyValue } from '../http/gateway';
import type { LocalUsagePlans } from './usage-plans';

/**
 * Brings a data folder kept from an earlier version up to date, so `npm start` keeps working on it:
 * points accounts get the attributes the credit transaction adds to (months of qualifying points and
 * spend, the purchase count), active POS keys get their usage plan key, lots and accounts move their
 * expiry and tier-review keys from gsi1 to the keys-only gsi2, audit entries get the copies their
 * actor and action searches read, staff members the keys of the staff list, and named members their
 * name index (lib/customers/README.md). Each step is idempotent.
 * A new step raises LOCAL_DATA_FORMAT (data-format.ts), so that an earlier version refuses the folder it
 * leaves, unless the earlier version reads what the step leaves as before: the staff list's keys and the
 * name index are such steps (an earlier version ignores them, and staff it adds are listed, members it
 * names indexed, at the next start).
 */
export async function upgradeLocalData(usagePlans: LocalUsagePlans, planId: string) {
  const table = tableNameFromEnv('main');
  let upgraded = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.scan({
      TableName: table,
      FilterExpression:
        '(sk = :account AND (attribute_not_exists(qualifyingByMonth) OR attribute_not_exists(spendByMonth) OR attribute_not_exists(purchaseCount))) OR (sk = :posKey AND #status = :active AND attribute_not_exists(usageKeyId)) OR begins_with(gsi1pk, :lotExpiry) OR begins_with(gsi1pk, :tierReview) OR (begins_with(gsi1pk, :auditTarget) AND attribute_not_exists(indexVersion)) OR (sk = :staffProfile AND begins_with(pk, :staff) AND attribute_not_exists(gsi1pk)) OR (sk = :staffProfile AND begins_with(pk, :customer) AND attribute_exists(#name) AND attribute_not_exists(erasedAt))',
      ExpressionAttributeNames: { '#status': 'status', '#name': 'name' },
      ExpressionAttributeValues: {
        ':account': 'LOYALTY#ACCOUNT',
        ':posKey': 'POSKEY',
        ':active': 'active',
        ':lotExpiry': 'LOTEXPIRY#',
        ':tierReview': 'TIERREVIEW#',
        ':auditTarget': 'AUDIT#TARGET#',
        ':staffProfile': 'PROFILE',
        ':staff': 'STAFF#',
        ':customer': 'CUSTOMER#',
      },
      ExclusiveStartKey,
    });
    for (const item of page.Items ?? []) {
      if (String(item.gsi1pk ?? '').startsWith('AUDIT#TARGET#')) {
        if (await indexEarlierAuditEntry(item)) upgraded++;
        continue;
      }
      if (item.sk === 'PROFILE' && String(item.pk).startsWith('STAFF#')) {
        if (await listEarlierStaff(item)) upgraded++;
        continue;
      }
      if (item.sk === 'PROFILE' && String(item.pk).startsWith('CUSTOMER#')) {
        if (
          !(await isNameIndexed(String(item.customerId))) &&
          (await indexEarlierName(String(item.customerId)))
        )
          upgraded++;
        continue;
      }
      const Key = { pk: item.pk, sk: item.sk };
      if (/^(LOTEXPIRY|TIERREVIEW)#/.test(String(item.gsi1pk ?? ''))) {
        const customerId = String(item.pk).slice('CUSTOMER#'.length);
        await documents.update({
          TableName: table,
          Key,
          UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'gsi1pk = :moved',
          ExpressionAttributeValues: {
            ':moved': item.gsi1pk,
            ':pk': `${String(item.gsi1pk)}#${shardSuffix(customerId, SCHEDULE_INDEX_SHARDS)}`,
            ':sk': item.gsi1sk,
          },
        });
      }
      if (item.sk === 'LOYALTY#ACCOUNT') {
        await documents.update({
          TableName: table,
          Key,
          UpdateExpression:
            'SET qualifyingByMonth = if_not_exists(qualifyingByMonth, :empty), spendByMonth = if_not_exists(spendByMonth, :empty), purchaseCount = if_not_exists(purchaseCount, :zero)',
          ExpressionAttributeValues: { ':empty': {}, ':zero': 0 },
        });
      } else if (item.sk === 'POSKEY' && !item.usageKeyId) {
        const keyId = String(item.keyId);
        const created = usagePlans.handle(
          'POST',
          '/apikeys',
          JSON.stringify({ name: `pos-${keyId}`, value: posUsageKeyValue(keyId), enabled: true }),
        );
        const apiKeyId = (created.body as { id?: string }).id;
        if (!apiKeyId) continue; // registered already
        usagePlans.handle('POST', `/usageplans/${planId}/keys`, JSON.stringify({ keyId: apiKeyId }));
        await documents.update({
          TableName: table,
          Key,
          UpdateExpression: 'SET usageKeyId = :id',
          ExpressionAttributeValues: { ':id': apiKeyId },
        });
      }
      upgraded++;
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return upgraded;
}
