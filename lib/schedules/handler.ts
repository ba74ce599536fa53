import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger, metrics } from '../observability';

/** The one middy stack for scheduled functions; the correlation id is the schedule's event id. */
export function scheduledHandler(handle: (event: ScheduledEvent) => Promise<void>) {
  return middy<ScheduledEvent, void, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use({ before: ({ event }) => logger.appendKeys({ correlationId: event.id }) })
    .handler(handle);
}
