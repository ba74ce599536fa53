import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { ulid } from 'ulid';
import * as z from '../zod';
import { catalogue, detailSchemaOf, type EventDefinition, type EventName } from '../../events/catalogue';
import { lazyEnv } from '../config';
import { awsClients } from '../aws-clients';
import { lazySchema } from '../lazy-schema';

const env = lazyEnv({ EVENT_BUS_NAME: lazySchema(() => z.string().check(z.minLength(1))) });

const MAX_ENTRIES_PER_CALL = 10;
const MAX_ATTEMPTS = 4;

export interface DomainEvent<K extends EventName = EventName> {
  name: K;
  data: z.infer<(typeof catalogue)[K]['data']>;
  /** Set when the same fact may be published again (after a crash) and consumers must see one event. */
  eventId?: string;
}

export class EventPublishError extends Error {
  constructor(readonly failed: { detailType: string; errorCode?: string }[]) {
    super(`EventBridge rejected ${failed.length} event(s): ${failed.map((f) => f.errorCode).join(', ')}`);
    this.name = 'EventPublishError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function toPutEventsEntry(
  event: DomainEvent,
  correlationId: string,
  now = new Date(),
): PutEventsRequestEntry {
  const definition = catalogue[event.name];
  const detail = detailSchemaOf(definition as EventDefinition).parse({
    metadata: {
      eventId: event.eventId ?? ulid(),
      schemaVersion: definition.schemaVersion,
      correlationId,
      occurredAt: now.toISOString(),
    },
    data: event.data,
  });
  return {
    EventBusName: env().EVENT_BUS_NAME,
    Source: definition.source,
    DetailType: definition.detailType,
    Detail: JSON.stringify(detail),
    Time: now,
  };
}

/**
 * Validates events against the catalogue, publishes them in batches of ten (together with other
 * publishers' events while calls are under way) and resends only the entries EventBridge reports as
 * failed. Throws when some still fail, so the caller's retry (or the caller's own outbox flag) decides
 * what happens next.
 */
export async function publishEvents(events: DomainEvent[], correlationId: string): Promise<void> {
  let pending = events.map((event) => toPutEventsEntry(event, correlationId));
  for (let attempt = 1; pending.length > 0; attempt++) {
    const errorCodes = await putEntries(pending);
    const failed = pending.flatMap((entry, i) =>
      errorCodes[i] ? [{ entry, errorCode: errorCodes[i] }] : [],
    );
    if (failed.length === 0) return;
    if (attempt >= MAX_ATTEMPTS) {
      throw new EventPublishError(
        failed.map((f) => ({ detailType: f.entry.DetailType!, errorCode: f.errorCode })),
      );
    }
    pending = failed.map((f) => f.entry);
    await sleep(50 * 2 ** attempt);
  }
}

/**
 * PutEvents calls an instance has under way at most. Entries published while they are (the other
 * records of a queue batch, say) wait and go together, ten to a call: fewer calls under load, and no
 * wait at all when the instance is idle.
 */
const MAX_CALLS_IN_FLIGHT = 2;

interface WaitingEntry {
  entry: PutEventsRequestEntry;
  settle: (errorCode: string | undefined) => void;
  fail: (error: unknown) => void;
}

let waiting: WaitingEntry[] = [];
let callsInFlight = 0;

/** Sends entries, shared with other publishers' calls; answers each entry's error code (none when accepted). */
function putEntries(entries: PutEventsRequestEntry[]): Promise<(string | undefined)[]> {
  const answers = entries.map(
    (entry) => new Promise<string | undefined>((settle, fail) => waiting.push({ entry, settle, fail })),
  );
  sendWaiting();
  return Promise.all(answers);
}

function sendWaiting() {
  while (callsInFlight < MAX_CALLS_IN_FLIGHT && waiting.length > 0) {
    const batch = waiting.slice(0, MAX_ENTRIES_PER_CALL);
    waiting = waiting.slice(MAX_ENTRIES_PER_CALL);
    callsInFlight++;
    void putBatch(batch).finally(() => {
      callsInFlight--;
      sendWaiting();
    });
  }
}

async function putBatch(batch: WaitingEntry[]) {
  try {
    const [eventBridge, { PutEventsCommand }] = await Promise.all([
      awsClients.eventBridge(),
      import('@aws-sdk/client-eventbridge'),
    ]);
    const result = await eventBridge.send(new PutEventsCommand({ Entries: batch.map((w) => w.entry) }));
    // An entry EventBridge gave no answer for counts as failed, so it is sent again.
    batch.forEach((w, i) => {
      const answer = result.Entries?.[i];
      w.settle(answer ? answer.ErrorCode : 'NoAnswer');
    });
  } catch (error) {
    for (const w of batch) w.fail(error);
  }
}

export function publishEvent<K extends EventName>(event: DomainEvent<K>, correlationId: string) {
  return publishEvents([event as DomainEvent], correlationId);
}
