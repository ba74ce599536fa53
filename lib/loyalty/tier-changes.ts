import * as z from '../zod';
import { programmeToday } from '../calendar';
import { documents, getItems, isConditionFailure, queryAll } from '../db/client';
import { SCHEDULE_INDEX_SHARDS, shardSuffix, shardSuffixes } from '../db/shards';
import { tableNameFromEnv } from '../db/tables';
import { eventIdOf } from '../events/event-id';
import { publishEvents, type DomainEvent } from '../events/publisher';
import { pointsAccountKey } from './accounts';
import { entryTierOf, rankIn, rollingQualifyingPoints, tierLadder, tierReached } from './tier-store';
import type { TierCode } from './tiers';
import { lazySchema } from '../lazy-schema';

const table = () => tableNameFromEnv('main');

/** Tiers are reviewed once a year, on the anniversary (programme date) of the last change. */
export function reviewDateAfter(changedAt: Date): string {
  const next = new Date(changedAt);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return programmeToday(next);
}

/**
 * Accounts by review day and the member's shard, in the keys-only index: a credit that leaves the tier
 * alone writes nothing there, and a busy day's promotions are spread over 16 keys.
 */
export const reviewIndex = (day: string, customerId: string) => ({
  gsi2pk: `TIERREVIEW#${day}#${shardSuffix(customerId, SCHEDULE_INDEX_SHARDS)}`,
  gsi2sk: customerId,
});

/** A tier change as it is kept on the account until its TierChanged is out (one per member, tiers and moment). */
export const pendingTierChange = (
  change: {
    customerId: string;
    from: TierCode;
    to: TierCode;
    qualifyingPoints: number;
    correlationId: string;
  },
  now: Date,
): PendingTierEvent => ({
  eventId: eventIdOf('TierChanged', change.customerId, change.from, change.to, now.toISOString()),
  data: {
    customerId: change.customerId,
    from: change.from,
    to: change.to,
    qualifyingPoints: change.qualifyingPoints,
    changedAt: now.toISOString(),
  },
  correlationId: change.correlationId,
});

/** Moves a member between tiers (if nobody else did meanwhile), schedules the next review, and tells everyone. */
export async function changeTier(
  change: {
    customerId: string;
    from: TierCode;
    to: TierCode;
    qualifyingPoints: number;
    correlationId: string;
  },
  now = new Date(),
): Promise<boolean> {
  const index = reviewIndex(reviewDateAfter(now), change.customerId);
  const event = pendingTierChange(change, now);
  // Members in the entry tier have nothing to lose at a review, so they are not scheduled for one.
  const toEntry = change.to === entryTierOf(await tierLadder()).code;
  try {
    // The event rides on the account (an outbox) until it is out: a crash before publishing is
    // repaired by the member's next credit, which finds it there.
    await documents.update({
      TableName: table(),
      Key: pointsAccountKey(change.customerId),
      UpdateExpression: toEntry
        ? 'SET tier = :to, tierChangedAt = :now, pendingTierEvent = :event REMOVE gsi2pk, gsi2sk'
        : 'SET tier = :to, tierChangedAt = :now, pendingTierEvent = :event, gsi2pk = :review, gsi2sk = :customer',
      ConditionExpression: 'tier = :from',
      ExpressionAttributeValues: {
        ':to': change.to,
        ':from': change.from,
        ':now': now.toISOString(),
        ':event': event,
        ...(toEntry ? {} : { ':review': index.gsi2pk, ':customer': index.gsi2sk }),
      },
    });
  } catch (error) {
    if (isConditionFailure(error)) return false; // changed concurrently; that change published its own event
    throw error;
  }
  await publishPendingTierEvent(change.customerId, event);
  return true;
}

export const pendingTierEventSchema = lazySchema(() =>
  z.object({
    eventId: z.string(),
    data: z.object({
      customerId: z.string(),
      from: z.string(),
      to: z.string(),
      qualifyingPoints: z.number(),
      changedAt: z.string(),
    }),
    correlationId: z.string(),
  }),
);
type PendingTierEvent = z.infer<typeof pendingTierEventSchema>;

/** The TierChanged event of a tier change kept on the account. */
export const tierChangedEvent = (event: PendingTierEvent): DomainEvent => ({
  name: 'TierChanged',
  eventId: event.eventId,
  data: event.data as {
    customerId: string;
    from: TierCode;
    to: TierCode;
    qualifyingPoints: number;
    changedAt: string;
  },
});

/** Publishes a tier change kept on the account, then takes it off (only if it is still that one). */
async function publishPendingTierEvent(customerId: string, event: PendingTierEvent) {
  await publishEvents([tierChangedEvent(event)], event.correlationId);
  try {
    await documents.update({
      TableName: table(),
      Key: pointsAccountKey(customerId),
      UpdateExpression: 'REMOVE pendingTierEvent',
      ConditionExpression: 'pendingTierEvent.eventId = :id',
      ExpressionAttributeValues: { ':id': event.eventId },
    });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

const accountSchema = lazySchema(() => z.object({ customerId: z.string(), tier: z.string() }));

async function accountsDueOn(day: string) {
  const keys: Record<string, unknown>[] = [];
  for (const shard of shardSuffixes(SCHEDULE_INDEX_SHARDS)) {
    const indexed = await queryAll({
      TableName: table(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': `TIERREVIEW#${day}#${shard}` },
    });
    keys.push(...indexed.map((item) => ({ pk: item.pk, sk: item.sk })));
  }
  // Read whole and as they are now: a member reviewed or moved meanwhile is no longer due that day.
  return (await getItems(keys))
    .filter((item) => String(item.gsi2pk ?? '').startsWith(`TIERREVIEW#${day}#`))
    .map((item) => accountSchema.parse(item) as { customerId: string; tier: TierCode });
}

/** How many days before a review members hear that they will drop a tier. */
export const DOWNGRADE_NOTICE_DAYS = 30;

/** The warning of a coming downgrade: once per member and review day. */
export const tierDowngradeScheduledEvent = (
  data: DomainEvent<'TierDowngradeScheduled'>['data'],
): DomainEvent<'TierDowngradeScheduled'> => ({
  name: 'TierDowngradeScheduled',
  eventId: eventIdOf('TierDowngradeScheduled', data.customerId, data.reviewOn),
  data,
});
const CATCH_UP_DAYS = 7;

/**
 * The daily tier review as of `now`: members whose anniversary has come (or came in the last week,
 * should a run have been missed) keep their tier if their rolling 12-month qualifying points still
 * reach it, and otherwise drop exactly one tier. Members due in 30 days who would drop are told now.
 */
export async function reviewTiers(now: Date, correlationId: string) {
  const ladder = await tierLadder();
  let downgraded = 0;
  let kept = 0;
  for (let back = CATCH_UP_DAYS; back >= 0; back--) {
    const day = programmeToday(new Date(now.getTime() - back * 86_400_000));
    for (const account of await accountsDueOn(day)) {
      const qualifying = await rollingQualifyingPoints(account.customerId, now);
      const rank = rankIn(ladder, account.tier);
      if (rankIn(ladder, tierReached(ladder, qualifying).code) >= rank) {
        await documents
          .update({
            TableName: table(),
            Key: pointsAccountKey(account.customerId),
            UpdateExpression: 'SET gsi2pk = :review, tierReviewedAt = :now',
            ConditionExpression: 'tier = :tier',
            ExpressionAttributeValues: {
              ':review': reviewIndex(reviewDateAfter(now), account.customerId).gsi2pk,
              ':now': now.toISOString(),
              ':tier': account.tier,
            },
          })
          .catch((error: Error) => {
            if (!isConditionFailure(error)) throw error;
          });
        kept++;
      } else if (
        await changeTier(
          {
            customerId: account.customerId,
            from: account.tier,
            to: ladder[rank - 1]!.code,
            qualifyingPoints: qualifying,
            correlationId,
          },
          now,
        )
      ) {
        downgraded++;
      }
    }
  }
  const reviewAt = new Date(now.getTime() + DOWNGRADE_NOTICE_DAYS * 86_400_000);
  const noticeDay = programmeToday(reviewAt);
  const notices: DomainEvent[] = [];
  for (const account of await accountsDueOn(noticeDay)) {
    // What will still count on the review day: points earned before its 12-month window drop out.
    const qualifying = await rollingQualifyingPoints(account.customerId, reviewAt);
    const rank = rankIn(ladder, account.tier);
    if (rankIn(ladder, tierReached(ladder, qualifying).code) < rank) {
      notices.push(
        tierDowngradeScheduledEvent({
          customerId: account.customerId,
          from: account.tier,
          to: ladder[rank - 1]!.code,
          reviewOn: noticeDay,
          pointsToKeepTier: ladder[rank]!.qualifyingPoints - qualifying,
        }),
      );
    }
  }
  if (notices.length) await publishEvents(notices, correlationId);
  return { downgraded, kept, notices: notices.length };
}
