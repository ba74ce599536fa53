import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { StaffPrincipal } from './auth/principal';
import { documents } from './db/client';
import { tableNameFromEnv } from './db/tables';
import { maskPiiReplacer } from './observability/pii';

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
  await documents.send(
    new PutCommand({
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
    }),
  );
}
