import * as z from '../zod';
import { documents, queryAll } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import type { EventName } from '../../events/catalogue';
import { publishEvents, type DomainEvent } from '../events/publisher';
import { lazySchema } from '../lazy-schema';
import type { TransactItem } from './capacity';
import { BOOKING_OUTBOX_PK, bookingKey, bookingOutboxIndex, bookingOutboxKey } from './model';

/**
 * The bookings' outbox. A change of a booking puts its events in an item beside the booking
 * (`BOOKING#<id>` / `OUTBOX#<change>`) in the change's own transaction; right after the commit they are
 * published and the item deleted. A crash in between leaves the item, and with it the events, which are
 * then published by whichever comes first: the retry of the same request or the next change of the booking
 * (`flushOutbox`), or the sweep (`sweepBookingOutbox`), which finds every item older than
 * OUTBOX_SWEEP_AGE_MS on gsi1. An event may thus go out twice; its id is stored with it and fixed by the fact
 * (`eventIdOf`), and consumers apply an id once, so the second is harmless.
 */

const table = () => tableNameFromEnv('main');

/** An event kept in the outbox: its id is fixed when written, so every publication of it carries the same. */
export type OutboxEvent = DomainEvent & { eventId: string };

/**
 * How old an outbox item must be before the sweep publishes it: well past the request that wrote it (which
 * publishes right after its commit), so that the sweep does not race it as a rule.
 */
export const OUTBOX_SWEEP_AGE_MS = 2 * 60_000;

/** Items one sweep publishes at most; the rest, the next run (the oldest always first). */
export const MAX_OUTBOX_ITEMS_PER_SWEEP = 1_000;

/** Items published at once by a sweep (the publisher sends their events together, ten a call). */
const SWEEP_CONCURRENCY = 10;

/** The Put of a change's events into its booking's outbox, for the change's own transaction. */
export function outboxPut(
  bookingId: string,
  change: string,
  events: OutboxEvent[],
  correlationId: string,
  now: Date,
): TransactItem {
  const createdAt = now.toISOString();
  return {
    Put: {
      TableName: table(),
      Item: {
        ...bookingOutboxKey(bookingId, change),
        ...bookingOutboxIndex(bookingId, change, createdAt),
        bookingId,
        change,
        events,
        correlationId,
        createdAt,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Publishes a change's events, then deletes its outbox item (already gone is fine: someone else did). */
export async function publishOutbox(
  bookingId: string,
  change: string,
  events: OutboxEvent[],
  correlationId: string,
) {
  await publishEvents(events, correlationId);
  await documents.delete({ TableName: table(), Key: bookingOutboxKey(bookingId, change) });
}

const outboxItemSchema = lazySchema(() =>
  z.object({
    pk: z.string(),
    sk: z.string().check(z.startsWith('OUTBOX#')),
    events: z.array(
      z.object({ name: z.string(), eventId: z.string(), data: z.record(z.string(), z.unknown()) }),
    ),
    correlationId: z.string(),
  }),
);

/** Publishes one outbox item as read (from the booking's partition or from the sweep's index). */
async function publishItem(item: Record<string, unknown>) {
  const pending = outboxItemSchema.parse(item);
  await publishOutbox(
    pending.pk.slice(bookingKey('').pk.length),
    pending.sk.slice('OUTBOX#'.length),
    // The catalogue schema of each event is checked by the publisher.
    pending.events.map((event) => ({ ...event, name: event.name as EventName }) as OutboxEvent),
    pending.correlationId,
  );
}

/** Publishes what an earlier change of the booking left unpublished (it crashed after its commit). */
export async function flushOutbox(bookingId: string) {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :outbox)',
    ExpressionAttributeValues: { ':pk': bookingKey(bookingId).pk, ':outbox': 'OUTBOX#' },
    ConsistentRead: true,
  });
  for (const item of items) await publishItem(item);
}

export interface OutboxSweepOutcome {
  /** Outbox items whose events the sweep published (and deleted). */
  published: number;
  /** Whether the run stopped at MAX_OUTBOX_ITEMS_PER_SWEEP with more left for the next. */
  cut: boolean;
}

/**
 * The outbox sweep: publishes the events of every booking change written more than OUTBOX_SWEEP_AGE_MS
 * before `now` and still unpublished (the Lambda that wrote it stopped between its commit and its publish),
 * oldest first, and deletes their items. A second run finds nothing. One item that cannot be published
 * does not hold up the others; the run then fails at its end, so the schedule's errors show it.
 */
export async function sweepBookingOutbox(now = new Date()): Promise<OutboxSweepOutcome> {
  const cutoff = new Date(now.getTime() - OUTBOX_SWEEP_AGE_MS).toISOString();
  // The index is read eventually consistent: an item deleted a moment ago may still be listed and is then
  // published once more, which consumers ignore by its ids.
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.query({
      TableName: table(),
      IndexName: 'gsi1',
      // Sort keys start with the item's creation instant: those below the cutoff are older than the age.
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :cutoff',
      ExpressionAttributeValues: { ':pk': BOOKING_OUTBOX_PK, ':cutoff': cutoff },
      Limit: MAX_OUTBOX_ITEMS_PER_SWEEP - items.length,
      ExclusiveStartKey,
    });
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && items.length < MAX_OUTBOX_ITEMS_PER_SWEEP);

  const failures: unknown[] = [];
  let published = 0;
  for (let i = 0; i < items.length; i += SWEEP_CONCURRENCY)
    await Promise.all(
      items.slice(i, i + SWEEP_CONCURRENCY).map(async (item) => {
        try {
          await publishItem(item);
          published++;
        } catch (error) {
          failures.push(error);
        }
      }),
    );
  if (failures.length > 0)
    throw new AggregateError(failures, `${failures.length} booking outbox item(s) could not be published`);
  return { published, cut: ExclusiveStartKey !== undefined };
}
