import * as z from './zod';
import { ulid } from 'ulid';
import type { StaffPrincipal } from './auth/principal';
import { documents } from './db/client';
import { tableNameFromEnv } from './db/tables';
import { maskPiiReplacer } from './observability/pii';
import { auditEntrySchema } from './audit-schema';

const masked = (value: unknown) =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value, maskPiiReplacer));

/** One staff action, kept immutably: who, what, on what, the state before and after (PII masked), and where from. */
export async function recordStaffAction(
  entry: {
    actor: StaffPrincipal;
    action: string;
    target: string;
    before?: unknown;
    after?: unknown;
    correlationId: string;
    sourceIp?: string;
  },
  now = new Date(),
) {
  const id = ulid(now.getTime());
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: {
      pk: `AUDIT#${now.toISOString().slice(0, 10)}`,
      sk: `${now.toISOString()}#${id}`,
      gsi1pk: `AUDIT#TARGET#${entry.target}`,
      gsi1sk: now.toISOString(),
      actor: entry.actor.staffId,
      roles: entry.actor.roles,
      action: entry.action,
      target: entry.target,
      before: masked(entry.before),
      after: masked(entry.after),
      correlationId: entry.correlationId,
      sourceIp: entry.sourceIp,
      at: now.toISOString(),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  });
}

/** Audit entries, newest first: by target through the index, otherwise day by day over the period. */
export async function listAuditEntries(filter: {
  target?: string;
  actor?: string;
  action?: string;
  /** Matches every action that starts with it (`privacy.`). */
  actionPrefix?: string;
  from: string;
  to: string;
  limit: number;
}) {
  const keep = (entry: z.infer<typeof auditEntrySchema>) =>
    (!filter.actor || entry.actor === filter.actor) &&
    (!filter.action || entry.action === filter.action) &&
    (!filter.actionPrefix || entry.action.startsWith(filter.actionPrefix)) &&
    entry.at >= filter.from &&
    entry.at <= filter.to;
  const partitions = filter.target
    ? [
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `AUDIT#TARGET#${filter.target}` },
        },
      ]
    : daysBetween(filter.from, filter.to)
        .reverse()
        .map((day) => ({
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `AUDIT#${day}` },
        }));
  const items: z.infer<typeof auditEntrySchema>[] = [];
  for (const partition of partitions) {
    const result = await documents.query({
      TableName: tableNameFromEnv('main'),
      ScanIndexForward: false,
      ...partition,
    });
    items.push(...(result.Items ?? []).map((item) => auditEntrySchema.parse(item)).filter(keep));
    if (items.length >= filter.limit) break;
  }
  return items.slice(0, filter.limit);
}

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let day = new Date(from.slice(0, 10));
    day.toISOString() <= to && days.length < 93;
    day.setUTCDate(day.getUTCDate() + 1)
  ) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/** A member's own privacy action (export, erasure), kept like a staff action. */
export async function recordCustomerAction(
  entry: { customerId: string; action: string; correlationId: string; sourceIp?: string; after?: unknown },
  now = new Date(),
) {
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: {
      pk: `AUDIT#${now.toISOString().slice(0, 10)}`,
      sk: `${now.toISOString()}#${ulid(now.getTime())}`,
      gsi1pk: `AUDIT#TARGET#customer:${entry.customerId}`,
      gsi1sk: now.toISOString(),
      actor: `customer:${entry.customerId}`,
      roles: [],
      action: entry.action,
      target: `customer:${entry.customerId}`,
      after: masked(entry.after),
      correlationId: entry.correlationId,
      sourceIp: entry.sourceIp,
      at: now.toISOString(),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  });
}
