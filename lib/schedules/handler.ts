import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger, metrics, tracer } from '../observability';

/** The one middy stack for scheduled functions; the correlation id is the schedule's event id. */
export function scheduledHandler(handle: (event: ScheduledEvent) => Promise<void>) {
  return middy<ScheduledEvent, void, Error, Context>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use({ before: ({ event }) => logger.appendKeys({ correlationId: event.id }) })
    .handler(handle);
}
