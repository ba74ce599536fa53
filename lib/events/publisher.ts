import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { ulid } from 'ulid';
import * as z from 'zod';
import { catalogue, detailSchemaOf, type EventDefinition, type EventName } from '../../events/catalogue';
import { lazyEnv } from '../config';
import { awsClients } from '../aws-clients';

const env = lazyEnv({ EVENT_BUS_NAME: z.string().min(1) });

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
 * Validates events against the catalogue, publishes them in batches of ten and resends only the
 * entries EventBridge reports as failed. Throws when some still fail, so the caller's retry (or the
 * caller's own outbox flag) decides what happens next.
 */
export async function publishEvents(events: DomainEvent[], correlationId: string): Promise<void> {
  let pending = events.map((event) => toPutEventsEntry(event, correlationId));
  const [eventBridge, { PutEventsCommand }] = await Promise.all([
    awsClients.eventBridge(),
    import('@aws-sdk/client-eventbridge'),
  ]);
  for (let attempt = 1; pending.length > 0; attempt++) {
    const failed: { entry: PutEventsRequestEntry; errorCode?: string }[] = [];
    for (let start = 0; start < pending.length; start += MAX_ENTRIES_PER_CALL) {
      const batch = pending.slice(start, start + MAX_ENTRIES_PER_CALL);
      const result = await eventBridge.send(new PutEventsCommand({ Entries: batch }));
      result.Entries?.forEach((entry, index) => {
        if (entry.ErrorCode) failed.push({ entry: batch[index]!, errorCode: entry.ErrorCode });
      });
    }
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

export function publishEvent<K extends EventName>(event: DomainEvent<K>, correlationId: string) {
  return publishEvents([event as DomainEvent], correlationId);
}
