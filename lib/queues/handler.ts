import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from '../zod';
import { logger, metrics } from '../observability';

/**
 * The one middy stack for SQS consumers: each record is parsed with the queue's schema and handled on
 * its own; failures are reported per record (ReportBatchItemFailures), so only they come back, and
 * after maxReceiveCount receives they go to the queue's dead-letter queue.
 */
export function queueHandler<S extends z.ZodMiniType>(
  schema: S,
  handleRecord: (message: z.infer<S>, record: SQSRecord) => Promise<void>,
) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord) => {
    const message = schema.safeParse(JSON.parse(record.body));
    if (!message.success) {
      const issues = message.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      throw new Error(`Message ${record.messageId} does not match the queue's schema: ${issues}`);
    }
    const correlationId = record.messageAttributes?.correlationId?.stringValue;
    logger.appendKeys({ correlationId, messageId: record.messageId });
    try {
      await handleRecord(message.data, record);
    } catch (error) {
      logger.warn('message failed; it will be retried', {
        error: error as Error,
        receiveCount: record.attributes.ApproximateReceiveCount,
      });
      throw error;
    }
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler((event, context) => processPartialResponse(event, recordHandler, processor, { context }));
}
