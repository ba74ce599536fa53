import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from '../zod';
import { logger, metrics } from '../observability';
import { trustedCorrelationId } from '../observability/correlation';
import { withLogKeys } from '../observability/log-context';
import type { QueueName } from './definitions';
import { recordDeliveryFailure } from './failures';

/** A message its queue's schema refuses: no delivery can cure it, but it is dead-lettered for staff to see. */
export class InvalidQueueMessageError extends Error {
  readonly code = 'INVALID_MESSAGE';
  constructor(messageId: string, issues: string) {
    super(`Message ${messageId} does not match the queue's schema: ${issues}`);
    this.name = 'InvalidQueueMessageError';
  }
}

/** A record still running when its invocation is about to time out: reported failed while there is time. */
export class DeliveryTimedOutError extends Error {
  readonly code = 'TIMED_OUT';
  constructor(seconds: number) {
    super(`The record was still being handled ${seconds} s into the invocation, close to its timeout`);
    this.name = 'DeliveryTimedOutError';
  }
}

/**
 * The correlation id a message carries in its `correlationId` attribute (every sender in this code sets
 * it); a message without a well-formed one is correlated by its own message id.
 */
export const correlationIdOfRecord = (record: Pick<SQSRecord, 'messageAttributes' | 'messageId'>) =>
  trustedCorrelationId(record.messageAttributes?.correlationId?.stringValue, record.messageId);

/** Time kept back at the end of an invocation to report unfinished records and their failures. */
const REPORTING_RESERVE_MS = 2_000;

/**
 * The one middy stack for SQS consumers. Each record is parsed with the queue's schema and handled with
 * its own log keys (correlation and message id); failures are reported per record
 * (ReportBatchItemFailures), so only they come back, each with its reason remembered for the dead-letter
 * view, and after maxReceiveCount receives they go to the queue's dead-letter queue. Records that
 * `orderKey` gives the same key (one member's purchases) run one after another, in the batch's order,
 * so a batch never races against itself; the others run at once.
 */
export function queueHandler<S extends z.ZodMiniType>(
  queue: QueueName,
  schema: S,
  handleRecord: (message: z.infer<S>, record: SQSRecord) => Promise<void>,
  options: { orderKey?: (message: z.infer<S>) => string } = {},
) {
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler((event, context) => {
      // A processor of its own per invocation: its state must not be shared by batches handled at once.
      const processor = new BatchProcessor(EventType.SQS);
      const previousOfKey = new Map<string, Promise<unknown>>();
      const deadline = Date.now() + context.getRemainingTimeInMillis() - REPORTING_RESERVE_MS;

      const handleInTurn = (message: z.infer<S>, record: SQSRecord) => {
        const key = options.orderKey?.(message);
        if (key === undefined) return handleRecord(message, record);
        const run = (previousOfKey.get(key) ?? Promise.resolve())
          .catch(() => undefined)
          .then(() => handleRecord(message, record));
        previousOfKey.set(key, run);
        return run;
      };

      const recordHandler = (record: SQSRecord) =>
        withLogKeys(
          {
            correlationId: correlationIdOfRecord(record),
            messageId: record.messageId,
          },
          async () => {
            let timer: NodeJS.Timeout | undefined;
            try {
              const parsed = schema.safeParse(JSON.parse(record.body));
              if (!parsed.success) {
                const issues = parsed.error.issues
                  .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
                  .join('; ');
                throw new InvalidQueueMessageError(record.messageId, issues);
              }
              const outOfTime = new Promise<never>((_, reject) => {
                timer = setTimeout(
                  () =>
                    reject(new DeliveryTimedOutError(Math.round(context.getRemainingTimeInMillis() / 1000))),
                  Math.max(0, deadline - Date.now()),
                );
              });
              await Promise.race([handleInTurn(parsed.data, record), outOfTime]);
            } catch (error) {
              const receiveCount = Number(record.attributes.ApproximateReceiveCount);
              logger.warn('message failed; it will be retried, then dead-lettered', {
                error: error as Error,
                receiveCount,
              });
              await recordDeliveryFailure(queue, record.messageId, { error, receiveCount }).catch(
                (recordError: unknown) =>
                  logger.error('could not record why the message failed', { error: recordError as Error }),
              );
              throw error;
            } finally {
              clearTimeout(timer);
            }
          },
        );

      return processPartialResponse(event, recordHandler, processor, {
        context,
        // A batch whose every record failed is answered like any other: each record's failure is reported.
        throwOnFullBatchFailure: false,
      });
    });
}
