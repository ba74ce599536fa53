import * as z from '../zod';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { StaffPrincipal } from '../auth/principal';
import { conditionFailedReasons, documents } from '../db/client';
import { decodeCursor, encodeCursor, invalidCursor } from '../db/cursor';
import { tableNameFromEnv } from '../db/tables';
import { problems } from '../http/problem';
import { customerAuditSubject } from '../customers/profile';
import { auditPartitions } from './partitions';
import { auditEntrySchema, type AuditEntry } from './schema';
import { auditedState, targetName, type AuditTarget } from './subjects';
import { lazySchema } from '../lazy-schema';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * How the audit trail is kept (main table). Each entry is one item in its UTC day's partition, indexed
 * by target on gsi1, and copied under its actor and under its action; the copies are written in the same
 * transaction, so every search finds an entry or none does. All share the sort key `<at>#<ulid>`.
 * | item              | pk                        | sk           | notes                               |
 * |-------------------|---------------------------|--------------|-------------------------------------|
 * | entry             | AUDIT#<YYYY-MM-DD>        | <at>#<ulid>  | gsi1: AUDIT#TARGET#<target> / <at>  |
 * | copy by actor     | AUDIT#ACTOR#<actor>       | <at>#<ulid>  | the entry's attributes              |
 * | copy by action    | AUDIT#ACTION#<action>     | <at>#<ulid>  | the entry's attributes              |
 * Entries written before the copies existed lack `indexVersion`; `indexEarlierAuditEntry` copies them.
 */
const INDEX_VERSION = 1;
const partitions = auditPartitions;

/** The copies of an entry its actor and action searches read. */
const searchCopies = (entry: AuditEntry, sk: string) => [
  { pk: partitions.actor(entry.actor), sk, ...entry },
  { pk: partitions.action(entry.action), sk, ...entry },
];

/** The items that keep one entry: the entry in its day's partition (indexed by target) and its copies. */
export function auditEntryItems(entry: AuditEntry, now: Date): Record<string, unknown>[] {
  const sk = `${entry.at}#${ulid(now.getTime())}`;
  return [
    {
      pk: partitions.day(entry.at),
      sk,
      gsi1pk: partitions.target(entry.target),
      gsi1sk: entry.at,
      ...entry,
      indexVersion: INDEX_VERSION,
    },
    ...searchCopies(entry, sk),
  ];
}

const put = (Item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: tableNameFromEnv('main'), Item, ConditionExpression: 'attribute_not_exists(pk)' },
});

const keepAuditEntry = (entry: AuditEntry, now: Date) =>
  documents.transactWrite({ TransactItems: auditEntryItems(entry, now).map(put) });

/**
 * One staff action, kept immutably: who, what, on what, the state before and after, and where from. The
 * target's subject says which fields of the states are personal data (masked) or secrets (left out).
 */
export async function recordStaffAction(
  entry: {
    actor: StaffPrincipal;
    action: string;
    target: AuditTarget;
    before?: unknown;
    after?: unknown;
    correlationId: string;
    sourceIp?: string;
  },
  now = new Date(),
) {
  await keepAuditEntry(
    {
      actor: entry.actor.staffId,
      roles: entry.actor.roles,
      action: entry.action,
      target: targetName(entry.target),
      before: auditedState(entry.target.subject, entry.before),
      after: auditedState(entry.target.subject, entry.after),
      correlationId: entry.correlationId,
      sourceIp: entry.sourceIp,
      at: now.toISOString(),
    },
    now,
  );
}

/**
 * Staff reading members' personal data (a profile with PII, the members a phone search found, a ledger),
 * one entry per member read: who read whose data and how, never the data itself.
 */
export async function recordPersonalDataRead(
  read: {
    actor: StaffPrincipal;
    action:
      | 'customers.profile.read'
      | 'customers.phone-search'
      | 'customers.name-search'
      | 'customers.member-code-lookup'
      | 'loyalty.ledger.read'
      | 'rewards.vouchers.read'
      | 'campaigns.participation.read'
      | 'bookings.member-bookings.read';
    customerIds: string[];
    correlationId: string;
    sourceIp?: string;
  },
  now = new Date(),
) {
  await Promise.all(
    read.customerIds.map((customerId) =>
      recordStaffAction(
        {
          actor: read.actor,
          action: read.action,
          target: customerAuditSubject.target(customerId),
          correlationId: read.correlationId,
          sourceIp: read.sourceIp,
        },
        now,
      ),
    ),
  );
}

/** A member's own privacy action (export, erasure), kept like a staff action. */
export async function recordCustomerAction(
  entry: { customerId: string; action: string; correlationId: string; sourceIp?: string; after?: unknown },
  now = new Date(),
) {
  await keepAuditEntry(
    {
      actor: `customer:${entry.customerId}`,
      roles: [],
      action: entry.action,
      target: targetName(customerAuditSubject.target(entry.customerId)),
      after: auditedState(customerAuditSubject, entry.after),
      correlationId: entry.correlationId,
      sourceIp: entry.sourceIp,
      at: now.toISOString(),
    },
    now,
  );
}

/** What a search asks for: every given filter must hold; `from` and `to` are UTC ISO moments. */
export interface AuditSearch {
  target?: string;
  actor?: string;
  action?: string;
  from: string;
  to: string;
}

/** The longest period a search by time alone reads, day by day. */
export const MAX_PERIOD_DAYS = 93;
/** Full 1 MB pages a filtered search reads before it answers with what it found and a cursor. */
const PAGES_PER_SEARCH = 8;

/** Where an entry stands in the trail: its sort key, `<at>#<ulid>`. */
const positionSchema = lazySchema(() =>
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9A-HJKMNP-TV-Z]{26}$/)),
);

/**
 * The partition a search reads (the most selective filter given: target, actor, action, else the days of
 * the period), each query of it, and the filters left for DynamoDB to apply to what it reads.
 */
function searchPlan(search: AuditSearch) {
  const range = { ':from': search.from, ':to': `${search.to}#~` };
  const remaining = (names: ('actor' | 'action')[]) => {
    const given = names.filter((name) => search[name] !== undefined);
    return given.length
      ? {
          FilterExpression: given.map((name) => `#${name} = :${name}`).join(' AND '),
          ExpressionAttributeNames: Object.fromEntries(given.map((name) => [`#${name}`, name])),
          values: Object.fromEntries(given.map((name) => [`:${name}`, search[name]])),
        }
      : undefined;
  };
  if (search.target !== undefined) {
    const filter = remaining(['actor', 'action']);
    const partition = partitions.target(search.target);
    return {
      name: partition,
      filtered: !!filter,
      queries: (position?: string) => [
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': partition,
            ':from': search.from,
            ':to': search.to,
            ...filter?.values,
          },
          ...(filter && {
            FilterExpression: filter.FilterExpression,
            ExpressionAttributeNames: filter.ExpressionAttributeNames,
          }),
          ExclusiveStartKey: position
            ? {
                gsi1pk: partition,
                gsi1sk: position.slice(0, position.indexOf('#')),
                pk: partitions.day(position),
                sk: position,
              }
            : undefined,
        },
      ],
    };
  }
  const dimension = search.actor !== undefined ? 'actor' : search.action !== undefined ? 'action' : undefined;
  if (dimension) {
    const filter = dimension === 'actor' ? remaining(['action']) : undefined;
    const partition = partitions[dimension](search[dimension]!);
    return {
      name: partition,
      filtered: !!filter,
      queries: (position?: string) => [
        {
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': partition, ...range, ...filter?.values },
          ...(filter && {
            FilterExpression: filter.FilterExpression,
            ExpressionAttributeNames: filter.ExpressionAttributeNames,
          }),
          ExclusiveStartKey: position ? { pk: partition, sk: position } : undefined,
        },
      ],
    };
  }
  if (Date.parse(search.to) - Date.parse(search.from) > MAX_PERIOD_DAYS * 86_400_000)
    throw problems.validation([
      {
        field: 'query.from',
        message: `from must be at most ${MAX_PERIOD_DAYS} days before to when no target, actor or action is given`,
      },
    ]);
  return {
    name: 'AUDIT#PERIOD',
    filtered: false,
    // Newest day first, from the day the cursor stopped in.
    queries: (position?: string) =>
      daysBetween(search.from, search.to)
        .reverse()
        .filter((day) => !position || day <= position.slice(0, 10))
        .map((day) => ({
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': `AUDIT#${day}`, ...range },
          ExclusiveStartKey: position?.startsWith(day) ? { pk: `AUDIT#${day}`, sk: position } : undefined,
        })),
  };
}

/** The position a cursor of this search holds: an entry's sort key within the period searched. */
async function positionOf(cursor: string | undefined, searchName: string, search: AuditSearch) {
  const key = await decodeCursor(cursor, { partition: { pk: searchName } });
  if (!key) return undefined;
  const position = positionSchema.safeParse(key.sk);
  if (!position.success) throw invalidCursor();
  const at = position.data.slice(0, position.data.indexOf('#'));
  if (at < search.from || at > search.to) throw invalidCursor();
  return position.data;
}

/**
 * Audit entries matching a search, newest first, a page at a time: `nextCursor` continues the same
 * search. A search reads only the entries of its most selective filter (target, actor, action, or the
 * period day by day), so no number of other entries can push a match out of reach; a page may hold fewer
 * than `limit` entries when the filters left find few matches among many reads.
 */
export async function searchAuditEntries(
  search: AuditSearch & { limit: number; cursor?: string },
): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
  // A period that ends before it starts (a `from` after the default `to`, now) holds nothing.
  if (search.from > search.to) return { items: [] };
  const plan = searchPlan(search);
  const cursorAt = async (position: string) =>
    encodeCursor({ pk: plan.name, sk: position }, { partition: { pk: plan.name } });
  const items: AuditEntry[] = [];
  let fullPages = 0;
  for (const query of plan.queries(await positionOf(search.cursor, plan.name, search))) {
    let startKey: Record<string, unknown> | undefined = query.ExclusiveStartKey;
    do {
      const page = await documents.query({
        TableName: tableNameFromEnv('main'),
        ScanIndexForward: false,
        ...query,
        ExclusiveStartKey: startKey,
        // Unfiltered, DynamoDB reads exactly what the page needs; filtered, whole pages and the rest is cut.
        ...(plan.filtered ? {} : { Limit: search.limit - items.length }),
      });
      for (const item of page.Items ?? []) {
        items.push(auditEntrySchema.parse(item));
        if (items.length === search.limit) return { items, nextCursor: await cursorAt(String(item.sk)) };
      }
      startKey = page.LastEvaluatedKey;
      if (startKey && plan.filtered && ++fullPages >= PAGES_PER_SEARCH)
        return { items, nextCursor: await cursorAt(String(startKey.sk)) };
    } while (startKey);
  }
  return { items };
}

/**
 * The latest entries of any of these actions, newest first (at most `limit`), of one target when given:
 * each action's own entries are read, so no other action's entries can crowd them out.
 */
export async function latestAuditEntriesOf(
  actions: string[],
  period: { from: string; to: string; limit: number; target?: string },
): Promise<AuditEntry[]> {
  // A search by action alone applies no filter: its first page holds the action's latest `limit` entries.
  const perAction = await Promise.all(
    actions.map(async (action) => (await searchAuditEntries({ ...period, action })).items),
  );
  return perAction
    .flat()
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, period.limit);
}

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let day = new Date(from.slice(0, 10));
    day.toISOString().slice(0, 10) <= to.slice(0, 10);
    day.setUTCDate(day.getUTCDate() + 1)
  ) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Gives an entry written before entries were copied under their actor and action those copies, once: an
 * entry item of a day partition without `indexVersion` (the local cloud's start-up and
 * `lib/audit/reindex.ts` find them). Returns whether it copied anything.
 */
export async function indexEarlierAuditEntry(item: Record<string, unknown>): Promise<boolean> {
  if (item.indexVersion !== undefined || !String(item.gsi1pk ?? '').startsWith('AUDIT#TARGET#')) return false;
  const entry = auditEntrySchema.parse(item);
  const sk = String(item.sk);
  try {
    await documents.transactWrite({
      TransactItems: [
        ...searchCopies(entry, sk).map(put),
        {
          Update: {
            TableName: tableNameFromEnv('main'),
            Key: { pk: item.pk, sk },
            UpdateExpression: 'SET indexVersion = :version',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(indexVersion)',
            ExpressionAttributeValues: { ':version': INDEX_VERSION },
          },
        },
      ],
    });
    return true;
  } catch (error) {
    // Copied by another run meanwhile.
    if (conditionFailedReasons(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}
