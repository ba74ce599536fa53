import { createHash, randomInt } from 'node:crypto';
import { conditionFailedReasons, documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { logger } from '../observability';

/** The most items one TransactWriteItems may hold. */
const MAX_TRANSACTION_ITEMS = 100;
/** Concurrent batches adding to the same counter item conflict now and then; a short wait settles it. */
const CONFLICT_ATTEMPTS = 6;
const CONFLICT_BASE_DELAY_MS = 20;

/**
 * What one event adds to one counter item. `set` holds attributes its key already fixes (the day, the
 * store), which every event of that key sets alike. With `shards`, the additions go to one of that many
 * items (`<sk>#<n>`), the same draw for every counter of a transaction, so that batches running side by
 * side seldom write the same item (which would conflict) and no single item takes every write.
 */
export interface Tally {
  pk: string;
  sk: string;
  add: Record<string, number>;
  set?: Record<string, string>;
  shards?: number;
}

export interface TalliedEvent {
  eventId: string;
  tallies: Tally[];
}

/** One transaction: a marker per event (its id remembered) and the summed additions per counter item. */
export interface TallyTransaction {
  eventIds: string[];
  counters: Tally[];
}

const counterKey = (tally: Tally) => `${tally.pk}\u0000${tally.sk}`;

/** Adds a tally's numbers to a counter of the same key (whose `set` and `shards` are the same by key). */
function addInto(counter: Tally, tally: Tally) {
  for (const [name, value] of Object.entries(tally.add)) counter.add[name] = (counter.add[name] ?? 0) + value;
}

/**
 * Packs a batch of events into as few transactions as the item limit allows: each holds its events'
 * markers and one update per counter item they touch, with their additions summed. An event delivered
 * twice in one batch is counted once.
 */
export function planTallyTransactions(
  events: TalliedEvent[],
  maxItems = MAX_TRANSACTION_ITEMS,
): TallyTransaction[] {
  const transactions: TallyTransaction[] = [];
  const seen = new Set<string>();
  let eventIds: string[] = [];
  let counters = new Map<string, Tally>();
  const flush = () => {
    if (eventIds.length > 0) transactions.push({ eventIds, counters: [...counters.values()] });
    eventIds = [];
    counters = new Map();
  };
  for (const event of events) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    const newKeys = new Set(event.tallies.map(counterKey).filter((key) => !counters.has(key)));
    if (1 + newKeys.size > maxItems)
      throw new Error(`Event ${event.eventId} touches more counters than one transaction can hold`);
    if (eventIds.length + counters.size + 1 + newKeys.size > maxItems) flush();
    eventIds.push(event.eventId);
    for (const tally of event.tallies) {
      const key = counterKey(tally);
      const counter = counters.get(key);
      if (counter) addInto(counter, tally);
      else counters.set(key, { ...tally, add: { ...tally.add } });
    }
  }
  flush();
  return transactions;
}

/**
 * The marker's id is the key Powertools Idempotency gives the same consumer and event
 * (`<prefix>#<base64 md5 of the JSON event id>`), so an event applied by either is never applied twice.
 */
export const consumedEventMarkerId = (consumer: string, eventId: string) =>
  `consumer.${consumer}#${createHash('md5').update(JSON.stringify(eventId)).digest('base64')}`;

function transactItems(consumer: string, transaction: TallyTransaction, rememberForSeconds: number) {
  const expiration = Math.floor(Date.now() / 1000) + rememberForSeconds;
  // One draw for the whole transaction: two batches meet on a counter item only if they drew alike.
  const draw = randomInt(2 ** 30);
  const markers = transaction.eventIds.map((eventId) => ({
    Put: {
      TableName: tableNameFromEnv('idempotency'),
      Item: { id: consumedEventMarkerId(consumer, eventId), status: 'COMPLETED', expiration },
      ConditionExpression: 'attribute_not_exists(id)',
    },
  }));
  const updates = transaction.counters.map((counter) => {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const additions = Object.entries(counter.add).map(([name, value], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = value;
      return `#a${i} :a${i}`;
    });
    const settings = Object.entries(counter.set ?? {}).map(([name, value], i) => {
      names[`#s${i}`] = name;
      values[`:s${i}`] = value;
      return `#s${i} = :s${i}`;
    });
    return {
      Update: {
        TableName: tableNameFromEnv('main'),
        Key: {
          pk: counter.pk,
          sk: counter.shards ? `${counter.sk}#${draw % counter.shards}` : counter.sk,
        },
        UpdateExpression: `ADD ${additions.join(', ')}${settings.length ? ` SET ${settings.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
  return [...markers, ...updates];
}

/**
 * Applies a batch of events' tallies exactly once: each transaction writes its events' markers
 * (condition: not there yet) with their summed additions, so it counts all of them or none. Events
 * whose marker exists were applied before (a redelivery) and are dropped from a new attempt; conflicts
 * with a concurrent batch are retried. Returns the events that could not be applied, to be redelivered.
 */
export async function applyTallies(
  consumer: string,
  events: TalliedEvent[],
  options: { rememberForSeconds: number },
): Promise<Set<string>> {
  const failed = new Set<string>();
  for (const planned of planTallyTransactions(events)) {
    let pending = events.filter((event) => planned.eventIds.includes(event.eventId));
    let transaction: TallyTransaction | undefined = planned;
    for (let attempt = 1; transaction; attempt++) {
      const current: TallyTransaction = transaction;
      transaction = undefined;
      try {
        await documents.transactWrite({
          TransactItems: transactItems(consumer, current, options.rememberForSeconds),
        });
      } catch (error) {
        const reasons = conditionFailedReasons(error);
        const appliedBefore = new Set(
          current.eventIds.filter((_, i) => reasons?.[i] === 'ConditionalCheckFailed'),
        );
        if (appliedBefore.size > 0) {
          pending = pending.filter((event) => !appliedBefore.has(event.eventId));
          transaction = planTallyTransactions(pending)[0];
        } else if (reasons?.includes('TransactionConflict') && attempt < CONFLICT_ATTEMPTS) {
          await new Promise((resolve) =>
            setTimeout(resolve, CONFLICT_BASE_DELAY_MS * 2 ** attempt * Math.random()),
          );
          transaction = current;
        } else {
          logger.warn('tally transaction failed; its events will be redelivered', {
            error: error as Error,
            events: current.eventIds.length,
          });
          for (const eventId of current.eventIds) failed.add(eventId);
        }
      }
    }
  }
  return failed;
}
