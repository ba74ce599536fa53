import * as z from '../zod';
import { conditionFailedReasons, documents, getItems, queryAll } from '../db/client';
import { SCHEDULE_INDEX_SHARDS, shardSuffixes } from '../db/shards';
import { tableNameFromEnv } from '../db/tables';
import { eventIdOf } from '../events/event-id';
import { publishEvents, type DomainEvent } from '../events/publisher';
import { pointsAccountKey } from './accounts';
import { lotKey } from './lot-store';
import { lazySchema } from '../lazy-schema';
import { logger } from '../observability';

const table = () => tableNameFromEnv('main');
const lotItemSchema = lazySchema(() =>
  z.object({
    pk: z.string(),
    sk: z.string(),
    customerId: z.string(),
    remaining: z.int(),
    expiresAt: z.string(),
  }),
);
type LotItem = z.infer<typeof lotItemSchema>;

/** Lots are indexed by the UTC month of their expiry; a run looks back this far for any it missed. */
const LOOKBACK_MONTHS = 24;
export const REMINDER_DAYS = 30;
/** Reminders go out while a lot is 23 to 30 days from expiry, so a missed daily run still reminds. */
const REMINDER_WINDOW_DAYS = 7;

function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (cursor <= to) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

/** Lots by expiry from the keys-only index, then read whole (consistently, as they are now). */
async function lotsExpiringBetween(fromIso: string, toIso: string): Promise<LotItem[]> {
  const lots: LotItem[] = [];
  const indexKeys = monthsBetween(new Date(fromIso), new Date(toIso)).flatMap((month) =>
    shardSuffixes(SCHEDULE_INDEX_SHARDS).map((shard) => `LOTEXPIRY#${month}#${shard}`),
  );
  for (const indexKey of indexKeys) {
    const indexed = await queryAll({
      TableName: table(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :month AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':month': indexKey, ':from': fromIso, ':to': `${toIso}#~` },
    });
    if (indexed.length === 0) continue;
    const items = await getItems(indexed.map((item) => ({ pk: item.pk, sk: item.sk })));
    // A lot the index still lists but that was expired meanwhile has no index keys any more.
    for (const item of items.filter((candidate) => candidate.gsi2pk)) {
      const lot = lotItemSchema.safeParse(item);
      // One malformed item must not stop every member's expiry: it is left for staff, loudly.
      if (lot.success) lots.push(lot.data);
      else logger.error('a lot the expiry index lists cannot be read', { pk: item.pk, sk: item.sk });
    }
  }
  return lots.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}

/** The reminder of a lot's coming expiry: once per member and lot. */
export const pointsExpiringEvent = (lot: Omit<LotItem, 'pk'>): DomainEvent => ({
  name: 'PointsExpiring',
  eventId: eventIdOf('PointsExpiring', lot.customerId, lot.sk),
  data: {
    customerId: lot.customerId,
    points: lot.remaining,
    lot: lot.sk.slice('LOT#'.length),
    expiresAt: lot.expiresAt,
  },
});

/** A lot's expiry by the run of `now`. */
export const pointsExpiredEvent = (lot: Omit<LotItem, 'pk'>, now: Date): DomainEvent => {
  const bucket = lot.sk.slice('LOT#'.length);
  return {
    name: 'PointsExpired',
    eventId: eventIdOf('PointsExpired', lot.customerId, bucket, now.toISOString()),
    data: { customerId: lot.customerId, points: lot.remaining, lot: bucket, expiredAt: lot.expiresAt },
  };
};

/**
 * The daily expiry run as of `now`: every lot whose expiry has passed loses what remains in it, with an
 * `expire` ledger entry and PointsExpired; members whose points expire within 30 days are reminded.
 * Each lot is expired in its own transaction, conditional on what remained, so a run that repeats (or
 * races a redemption) expires nothing twice.
 */
export async function runExpiry(
  now: Date,
  correlationId: string,
): Promise<{ expiredLots: number; expiredPoints: number; reminders: number }> {
  const lookback = new Date(now);
  lookback.setUTCMonth(lookback.getUTCMonth() - LOOKBACK_MONTHS);
  let expiredLots = 0;
  let expiredPoints = 0;
  for (const lot of await lotsExpiringBetween(lookback.toISOString(), now.toISOString())) {
    if (lot.expiresAt > now.toISOString()) continue;
    const points = await expireLot(lot, now, correlationId);
    if (points > 0) {
      expiredLots++;
      expiredPoints += points;
    }
  }
  const reminderFrom = new Date(
    now.getTime() + (REMINDER_DAYS - REMINDER_WINDOW_DAYS) * 86_400_000,
  ).toISOString();
  const reminderTo = new Date(now.getTime() + REMINDER_DAYS * 86_400_000).toISOString();
  const reminders: DomainEvent[] = (await lotsExpiringBetween(reminderFrom, reminderTo))
    .filter((lot) => lot.remaining > 0 && lot.expiresAt > reminderFrom && lot.expiresAt <= reminderTo)
    .map(pointsExpiringEvent);
  if (reminders.length) await publishEvents(reminders, correlationId);
  return { expiredLots, expiredPoints, reminders: reminders.length };
}

async function expireLot(lot: LotItem, now: Date, correlationId: string): Promise<number> {
  const bucket = lot.sk.slice('LOT#'.length);
  if (lot.remaining <= 0) {
    // Nothing left to expire: only take the lot out of the expiry index.
    await documents.update({
      TableName: table(),
      Key: lotKey(lot.customerId, bucket),
      UpdateExpression: 'REMOVE gsi2pk, gsi2sk SET expiredAt = :now',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    });
    return 0;
  }
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Update: {
            TableName: table(),
            Key: lotKey(lot.customerId, bucket),
            UpdateExpression:
              'SET remaining = :zero, expiredAt = :now ADD expired :points REMOVE gsi2pk, gsi2sk',
            ConditionExpression: 'remaining = :points',
            ExpressionAttributeValues: { ':zero': 0, ':points': lot.remaining, ':now': now.toISOString() },
          },
        },
        {
          Update: {
            TableName: table(),
            Key: pointsAccountKey(lot.customerId),
            UpdateExpression: 'ADD balance :minus, version :one',
            ExpressionAttributeValues: { ':minus': -lot.remaining, ':one': 1 },
          },
        },
        {
          Put: {
            TableName: table(),
            Item: {
              pk: `CUSTOMER#${lot.customerId}`,
              sk: `LEDGER#${now.toISOString()}#expire:${bucket}`,
              type: 'expire',
              points: -lot.remaining,
              balanceDelta: -lot.remaining,
              pendingDelta: 0,
              source: { kind: 'expiry', lot: bucket },
              lot: { bucket, expiresAt: lot.expiresAt },
              at: now.toISOString(),
            },
          },
        },
      ],
    });
  } catch (error) {
    // Spent or cancelled into meanwhile: the next run sees the new amount.
    if (conditionFailedReasons(error)?.[0] === 'ConditionalCheckFailed') return 0;
    throw error;
  }
  await publishEvents([pointsExpiredEvent(lot, now)], correlationId);
  return lot.remaining;
}
