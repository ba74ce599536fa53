import { documents } from '../db/client';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { tableNameFromEnv } from '../db/tables';
import { listedStaffSchema, STAFF_LIST, staffView } from './staff';

/** What the list reads of each staff member: the password hash never leaves the table. */
const LISTED_ATTRIBUTES = [
  'staffId',
  'email',
  'name',
  'roles',
  'storeIds',
  'active',
  'createdAt',
  'twoFactorEnabled',
] as const;

/** Staff, newest first, a page at a time; the cursor opens only on this list. */
export async function listStaff(page: { limit: number; cursor?: string }) {
  const scope = { partition: { gsi1pk: STAFF_LIST } };
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :list',
    ExpressionAttributeValues: { ':list': STAFF_LIST },
    ProjectionExpression: LISTED_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(LISTED_ATTRIBUTES.map((name, i) => [`#a${i}`, name])),
    ScanIndexForward: false,
    Limit: page.limit,
    ExclusiveStartKey: await decodeCursor(page.cursor, scope),
  });
  const items = (result.Items ?? []).map((item) => {
    const staff = listedStaffSchema.parse(item);
    return { ...staffView(staff), createdAt: staff.createdAt };
  });
  return { items, nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null };
}
