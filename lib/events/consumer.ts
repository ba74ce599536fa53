import middy from '@middy/core';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type { z } from 'zod';
import {
  catalogue,
  detailSchemaOf,
  type EventDefinition,
  type EventMetadata,
  type EventName,
} from '../../events/catalogue';
import { dynamo } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { logger, metrics, tracer } from '../observability';

/** Event ids are remembered long enough to outlive EventBridge's 24-hour retry window and any replay batch. */
const REMEMBER_EVENT_IDS_FOR_SECONDS = 7 * 24 * 3600;

export class PoisonEventError extends Error {
  constructor(detailType: string, issues: string) {
    super(`Event ${detailType} does not match the catalogue: ${issues}`);
    this.name = 'PoisonEventError';
  }
}

export interface ConsumerResult {
  consumer: string;
  eventId: string;
  applied: true;
}

/** One consumed event; for a consumer of several events, a union discriminated by `name`. */
export type ConsumedEvent<K extends EventName> = K extends EventName
  ? { name: K; data: z.infer<(typeof catalogue)[K]['data']>; metadata: EventMetadata }
  : never;

/**
 * The one middy stack for EventBridge consumers: tracer, logger with the event's correlation id,
 * metrics, parsing with the catalogue schema, and idempotency on `metadata.eventId` so that a
 * redelivered or replayed event has no second effect. A failure throws, so EventBridge/Lambda retry
 * and finally dead-letter the event.
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
  },
  handle: (event: ConsumedEvent<K>) => Promise<void>,
) {
  const names = [subscription.event].flat() as K[];
  const schemas = new Map(
    names.map((name) => [name as string, detailSchemaOf(catalogue[name] as EventDefinition)]),
  );
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: tableNameFromEnv('idempotency'),
    awsSdkV3Client: dynamo,
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'detail.metadata.eventId',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: REMEMBER_EVENT_IDS_FOR_SECONDS,
  });

  return middy<EventBridgeEvent<string, unknown>, ConsumerResult, Error, Context>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use({
      before: (request) => {
        const { event } = request;
        const detailSchema = schemas.get(event['detail-type']);
        if (!detailSchema)
          throw new PoisonEventError(event['detail-type'], `${subscription.consumer} does not consume it`);
        const parsed = detailSchema.safeParse(event.detail);
        if (!parsed.success) {
          const issues = parsed.error.issues
            .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
            .join('; ');
          throw new PoisonEventError(event['detail-type'], issues);
        }
        logger.appendKeys({
          correlationId: parsed.data.metadata.correlationId,
          eventId: parsed.data.metadata.eventId,
        });
      },
    })
    .use(makeHandlerIdempotent({ persistenceStore, config, keyPrefix: `consumer.${subscription.consumer}` }))
    .handler(async (event) => {
      const detail = schemas.get(event['detail-type'])!.parse(event.detail) as Omit<ConsumedEvent<K>, 'name'>;
      await handle({ ...detail, name: event['detail-type'] } as ConsumedEvent<K>);
      // Powertools' middleware replays a stored result only when there is one: undefined would run the handler again.
      return { consumer: subscription.consumer, eventId: detail.metadata.eventId, applied: true };
    });
}
