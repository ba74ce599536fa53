import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { EventName } from '../../events/catalogue';
import { logger, metrics } from '../observability';
import { consumedEventParser, REMEMBER_EVENT_IDS_FOR_SECONDS, type ConsumedEvent } from './consumer';
import { applyTallies, type TalliedEvent, type Tally } from './tallies';

/**
 * The one middy stack for event consumers that only count: their events reach them in batches through
 * an SQS buffer (a manifest `event` trigger with `batches`), each event turned into counter additions
 * by `tallyOf` (which may read what it needs, such as the tier ladder), and the batch applied in transactions that remember every event id with the sums (see
 * `applyTallies`). A poison event, or one whose transaction failed, is reported back alone; SQS
 * redelivers it and finally dead-letters it.
 */
export function tallyHandler<K extends EventName>(
  subscription: {
    /** The catalogue event, or events, this consumer counts. */
    event: K | readonly K[];
    /** A stable name for this consumer: it keys the memory of the events it applied. */
    consumer: string;
  },
  tallyOf: (event: ConsumedEvent<K>) => Tally[] | Promise<Tally[]>,
) {
  const parse = consumedEventParser(subscription.event, subscription.consumer);
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(async (event) => {
      const failedMessages: string[] = [];
      const messagesOf = new Map<string, string[]>();
      const tallied: TalliedEvent[] = [];
      for (const record of event.Records) {
        try {
          const consumed = parse(JSON.parse(record.body) as { 'detail-type': string; detail: unknown });
          const { eventId } = consumed.metadata;
          messagesOf.set(eventId, [...(messagesOf.get(eventId) ?? []), record.messageId]);
          tallied.push({ eventId, tallies: await tallyOf(consumed) });
        } catch (error) {
          logger.error('event refused; it will be retried, then dead-lettered', {
            error: error as Error,
            messageId: record.messageId,
            receiveCount: record.attributes.ApproximateReceiveCount,
          });
          failedMessages.push(record.messageId);
        }
      }
      const failedEvents = await applyTallies(subscription.consumer, tallied, {
        rememberForSeconds: REMEMBER_EVENT_IDS_FOR_SECONDS,
      });
      for (const eventId of failedEvents) failedMessages.push(...(messagesOf.get(eventId) ?? []));
      logger.debug('batch tallied', { events: tallied.length, failed: failedMessages.length });
      return { batchItemFailures: failedMessages.map((itemIdentifier) => ({ itemIdentifier })) };
    });
}
