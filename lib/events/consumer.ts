import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type * as z from '../zod';
import {
  catalogue,
  detailSchemaOf,
  type EventDefinition,
  type EventMetadata,
  type EventName,
} from '../../events/catalogue';
import { tableNameFromEnv } from '../db/tables';
import { logger, metrics } from '../observability';
import { trustedCorrelationId } from '../observability/correlation';

/** Event ids are remembered long enough to outlive EventBridge's 24-hour retry window and any replay batch. */
export const REMEMBER_EVENT_IDS_FOR_SECONDS = 7 * 24 * 3600;

/** A middleware created on first use; its hooks answer exactly as the created one's do (early returns too). */
function lazyMiddleware<E, R>(
  create: () => Promise<middy.MiddlewareObj<E, R, Error, Context>>,
): middy.MiddlewareObj<E, R, Error, Context> {
  let created: Promise<middy.MiddlewareObj<E, R, Error, Context>> | undefined;
  const get = () =>
    (created ??= create().catch((error: unknown) => {
      created = undefined;
      throw error;
    }));
  return {
    before: async (request) => (await get()).before?.(request),
    after: async (request) => (await get()).after?.(request),
    onError: async (request) => (await get()).onError?.(request),
  };
}

export class PoisonEventError extends Error {
  constructor(detailType: string, issues: string) {
    super(`Event ${detailType} does not match the catalogue: ${issues}`);
    this.name = 'PoisonEventError';
  }
}

export interface ConsumerResult {
  consumer: string;
  eventId: string;
  /** False when the event could have no effect here and was passed over (see `appliesTo`). */
  applied: boolean;
}

/** One consumed event; for a consumer of several events, a union discriminated by `name`. */
export type ConsumedEvent<K extends EventName> = K extends EventName
  ? { name: K; data: z.infer<(typeof catalogue)[K]['data']>; metadata: EventMetadata }
  : never;

/**
 * Parses a delivered event with the catalogue schema of its detail type, which must be one the
 * consumer takes; anything else is a poison event (thrown, so it is retried and dead-lettered).
 */
export function consumedEventParser<K extends EventName>(events: K | readonly K[], consumer: string) {
  const names = [events].flat() as K[];
  const schemas = new Map(
    names.map((name) => [name as string, detailSchemaOf(catalogue[name] as EventDefinition)]),
  );
  return (event: { 'detail-type': string; detail: unknown }): ConsumedEvent<K> => {
    const detailSchema = schemas.get(event['detail-type']);
    if (!detailSchema) throw new PoisonEventError(event['detail-type'], `${consumer} does not consume it`);
    const parsed = detailSchema.safeParse(event.detail);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      throw new PoisonEventError(event['detail-type'], issues);
    }
    return { ...parsed.data, name: event['detail-type'] } as ConsumedEvent<K>;
  };
}

/**
 * The one middy stack for EventBridge consumers: logger with the event's correlation id,
 * metrics, parsing with the catalogue schema, and (unless its effects are keyed by the fact itself)
 * idempotency on `metadata.eventId`, so that a redelivered or replayed event has no second effect. A
 * failure throws, so EventBridge/Lambda retry and finally dead-letter the event.
 */
export function eventHandler<K extends EventName>(
  subscription: {
    /** The catalogue event, or events, this consumer reacts to. */
    event: K | readonly K[];
    /**
     * A stable name for this consumer. It prefixes the idempotency key, so that two consumers of the same
     * event each apply it once, whatever their functions are called.
     */
    consumer: string;
    /**
     * Whether the event can have any effect here. When it cannot (a purchase while no campaign runs),
     * the consumer answers at once and writes no idempotency record: there is nothing to apply once.
     */
    appliesTo?: (event: ConsumedEvent<K>) => boolean | Promise<boolean>;
    /**
     * How a redelivered event is kept from a second effect. `record` (the default): Powertools
     * Idempotency remembers the event id (two writes per event). `keyed-effect`: every write the handler
     * makes is keyed by the fact itself (a notice id, say), so a redelivery finds its work done and no
     * record is needed.
     */
    idempotency?: 'record' | 'keyed-effect';
  },
  handle: (event: ConsumedEvent<K>) => Promise<void>,
) {
  const parse = consumedEventParser(subscription.event, subscription.consumer);
  // Powertools Idempotency (with its JMESPath engine) loads with the first event, not at import.
  const idempotency = lazyMiddleware(async () => {
    const [{ IdempotencyConfig }, { makeHandlerIdempotent }, { IdempotencyStore }] = await Promise.all([
      import('@aws-lambda-powertools/idempotency'),
      import('@aws-lambda-powertools/idempotency/middleware'),
      import('./idempotency-store'),
    ]);
    return makeHandlerIdempotent({
      persistenceStore: new IdempotencyStore(() => tableNameFromEnv('idempotency')),
      config: new IdempotencyConfig({
        eventKeyJmesPath: 'detail.metadata.eventId',
        throwOnNoIdempotencyKey: true,
        expiresAfterSeconds: REMEMBER_EVENT_IDS_FOR_SECONDS,
      }),
      keyPrefix: `consumer.${subscription.consumer}`,
    });
  });

  // Each event is parsed once, before idempotency, and handed to the handler as parsed.
  const consumed = new WeakMap<object, ConsumedEvent<K>>();

  const stack = middy<EventBridgeEvent<string, unknown>, ConsumerResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use({
      before: async (request) => {
        const { event } = request;
        // Keyed before parsing, so that even a poison event's lines name the request that caused it.
        const claimed = (event.detail as { metadata?: { correlationId?: unknown } } | undefined)?.metadata;
        logger.appendKeys({ correlationId: trustedCorrelationId(claimed?.correlationId, event.id) });
        const consumedEvent = parse(event);
        const { metadata } = consumedEvent;
        logger.appendKeys({ eventId: metadata.eventId });
        consumed.set(event, consumedEvent);
        // An early answer skips the idempotency middleware (registered after this one) and the handler.
        if (subscription.appliesTo && !(await subscription.appliesTo(consumedEvent)))
          return { consumer: subscription.consumer, eventId: metadata.eventId, applied: false };
      },
    });
  if (subscription.idempotency !== 'keyed-effect') stack.use(idempotency);
  return stack.handler(async (event) => {
    const consumedEvent = consumed.get(event)!;
    await handle(consumedEvent);
    // Powertools' middleware replays a stored result only when there is one: undefined would run the handler again.
    return { consumer: subscription.consumer, eventId: consumedEvent.metadata.eventId, applied: true };
  });
}
