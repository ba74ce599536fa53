import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { EventName } from '../../events/catalogue';
import { logger, metrics } from '../observability';
import { trustedCorrelationId } from '../observability/correlation';
import { withLogKeys } from '../observability/log-context';
import { consumedEventParser, REMEMBER_EVENT_IDS_FOR_SECONDS, type ConsumedEvent } from './consumer';
import { applyTallies, type TalliedEvent, type Tally } from './tallies';

type BufferedEvent = { 'detail-type'?: unknown; detail?: { metadata?: { correlationId?: unknown } } };

function bufferedEvent(body: string): BufferedEvent | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as BufferedEvent) : undefined;
  } catch {
    return undefined;
  }
}

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
        // Each event's lines carry its own correlation id (an unreadable one is known by its message id).
        const body = bufferedEvent(record.body);
        await withLogKeys(
          {
            correlationId: trustedCorrelationId(body?.detail?.metadata?.correlationId, record.messageId),
            messageId: record.messageId,
          },
          async () => {
            try {
              if (!body) throw new SyntaxError('The message body is not JSON');
              const consumed = parse(body as { 'detail-type': string; detail: unknown });
              const { eventId } = consumed.metadata;
              messagesOf.set(eventId, [...(messagesOf.get(eventId) ?? []), record.messageId]);
              tallied.push({ eventId, tallies: await tallyOf(consumed) });
            } catch (error) {
              logger.error('event refused; it will be retried, then dead-lettered', {
                error: error as Error,
                receiveCount: record.attributes.ApproximateReceiveCount,
              });
              failedMessages.push(record.messageId);
            }
          },
        );
      }
      const failedEvents = await applyTallies(subscription.consumer, tallied, {
        rememberForSeconds: REMEMBER_EVENT_IDS_FOR_SECONDS,
      });
      for (const eventId of failedEvents) failedMessages.push(...(messagesOf.get(eventId) ?? []));
      // The batch's lines name every request whose events it counted.
      const correlationIds = [
        ...new Set(event.Records.map((r) => bufferedEvent(r.body)?.detail?.metadata?.correlationId)),
      ].filter((id): id is string => typeof id === 'string');
      logger.debug('batch tallied', {
        events: tallied.length,
        failed: failedMessages.length,
        correlationIds,
      });
      return { batchItemFailures: failedMessages.map((itemIdentifier) => ({ itemIdentifier })) };
    });
}
