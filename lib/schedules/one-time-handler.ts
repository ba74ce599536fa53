import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { lazySchema } from '../lazy-schema';
import { logger, metrics } from '../observability';
import { trustedCorrelationId } from '../observability/correlation';
import * as z from '../zod';

/** The envelope lib/schedules/one-time.ts gives Scheduler, as Scheduler delivers it (attributes filled in). */
const envelopeSchema = lazySchema(() =>
  z.object({
    payload: z.unknown(),
    correlationId: z.optional(z.unknown()),
    schedule: z.string().check(z.minLength(1)),
    scheduledTime: z.string().check(z.minLength(1)),
    executionId: z.string().check(z.minLength(1)),
    attempt: z.optional(z.union([z.string(), z.number()])),
  }),
);

/** What a one-time run knows besides its payload. */
export interface OneTimeRun {
  /** The schedule's ARN. */
  schedule: string;
  /** The time the schedule was for (Scheduler's `scheduled-time`). */
  scheduledTime: string;
  executionId: string;
}

export class PoisonScheduleError extends Error {
  constructor(issues: string) {
    super(`One-time schedule input is not valid: ${issues}`);
    this.name = 'PoisonScheduleError';
  }
}

const issuesOf = (error: z.core.$ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');

/**
 * The one middy stack for functions that one-time schedules invoke: logger with the correlation id of the
 * request that made the schedule (else Scheduler's execution id), metrics, and the envelope and its payload
 * validated with zod. Invalid input throws, so it is retried and lands in the dead-letter queue for
 * inspection; the handler must be idempotent, as Scheduler and Lambda both retry.
 */
export function oneTimeHandler<S extends z.ZodMiniType>(
  payloadSchema: S,
  handle: (payload: z.infer<S>, run: OneTimeRun) => Promise<void>,
) {
  return middy<unknown, void, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(async (event) => {
      const envelope = envelopeSchema.safeParse(event);
      if (!envelope.success) throw new PoisonScheduleError(issuesOf(envelope.error));
      const { schedule, scheduledTime, executionId } = envelope.data;
      logger.appendKeys({
        correlationId: trustedCorrelationId(envelope.data.correlationId, executionId),
        schedule,
      });
      const payload = payloadSchema.safeParse(envelope.data.payload);
      if (!payload.success) throw new PoisonScheduleError(issuesOf(payload.error));
      await handle(payload.data as z.infer<S>, { schedule, scheduledTime, executionId });
    });
}
