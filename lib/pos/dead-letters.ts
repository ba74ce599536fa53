import * as z from '../zod';
import { lazyEnv } from '../config';
import { awsClients } from '../aws-clients';
import { lastDeliveryFailures } from '../queues/failures';
import { posMessageSchema } from './messages';
import { lazySchema } from '../lazy-schema';
import { defineAuditSubject } from '../audit/subjects';

const env = lazyEnv({
  POS_QUEUE_URL: lazySchema(() => z.string().check(z.minLength(1))),
  POS_DLQ_URL: lazySchema(() => z.string().check(z.minLength(1))),
  POS_DLQ_ARN: lazySchema(() => z.string().check(z.minLength(1))),
});

/** The POS queue in the audit trail: `queue:pos` for a redrive of all, `queue:pos:<message id>` for one. */
export const posQueueAuditSubject = defineAuditSubject('queue');

/** Receives of the dead-letter queue a single redrive makes while looking for its message. */
const REDRIVE_SEARCH_RECEIVES = 10;
/** How long a dead letter being redriven stays hidden from other readers. */
const REDRIVE_HIDE_SECONDS = 30;

/**
 * A look at the POS messages that failed five times, each with the last error the consumer reported
 * (lib/queues/failures.ts). Read with no visibility timeout, so they stay visible for a redrive, and at
 * most ten at a time (SQS's limit of one receive), with the queue's approximate total.
 */
export async function peekPosDeadLetters() {
  const [sqs, { GetQueueAttributesCommand, ReceiveMessageCommand }] = await Promise.all([
    awsClients.sqs(),
    import('@aws-sdk/client-sqs'),
  ]);
  const [received, attributes] = await Promise.all([
    sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: env().POS_DLQ_URL,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      }),
    ),
    sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: env().POS_DLQ_URL,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    ),
  ]);
  const messages = received.Messages ?? [];
  const failures = await lastDeliveryFailures(
    'pos',
    messages.map((message) => message.MessageId!),
  );
  const items = messages.map((message) => {
    const parsed = posMessageSchema.safeParse(JSON.parse(message.Body ?? 'null'));
    return {
      messageId: message.MessageId!,
      sentAt: new Date(Number(message.Attributes?.SentTimestamp ?? 0)).toISOString(),
      receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
      lastError: failures.get(message.MessageId!)!,
      message: parsed.success ? parsed.data : null,
      raw: parsed.success ? undefined : message.Body,
    };
  });
  const total =
    Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  return { items, total: Math.max(total, items.length) };
}

/** Moves every dead letter back onto the POS queue, where the consumer tries it afresh. */
export async function redrivePosDeadLetters() {
  const [sqs, { StartMessageMoveTaskCommand }] = await Promise.all([
    awsClients.sqs(),
    import('@aws-sdk/client-sqs'),
  ]);
  const result = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: env().POS_DLQ_ARN }));
  return { taskHandle: result.TaskHandle ?? null };
}

/**
 * Moves one dead letter back onto the POS queue: found by receiving from the dead-letter queue (SQS
 * cannot fetch a message by id), sent to the POS queue with its attributes, then deleted. A crash
 * between the send and the delete leaves it in both places, which is harmless: the consumer credits a
 * sale once. Messages received on the way are made visible again at once.
 */
export async function redrivePosDeadLetter(messageId: string): Promise<{ messageId: string } | undefined> {
  const sqs = await awsClients.sqs();
  const {
    ChangeMessageVisibilityBatchCommand,
    DeleteMessageCommand,
    ReceiveMessageCommand,
    SendMessageCommand,
  } = await import('@aws-sdk/client-sqs');
  const passedOver: { Id: string; ReceiptHandle: string; VisibilityTimeout: number }[] = [];
  try {
    for (let receive = 0; receive < REDRIVE_SEARCH_RECEIVES; receive++) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: env().POS_DLQ_URL,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: REDRIVE_HIDE_SECONDS,
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) return undefined;
      for (const message of Messages) {
        if (message.MessageId !== messageId) {
          passedOver.push({
            Id: String(passedOver.length),
            ReceiptHandle: message.ReceiptHandle!,
            VisibilityTimeout: 0,
          });
          continue;
        }
        const sent = await sqs.send(
          new SendMessageCommand({
            QueueUrl: env().POS_QUEUE_URL,
            MessageBody: message.Body!,
            MessageAttributes: message.MessageAttributes,
          }),
        );
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl: env().POS_DLQ_URL, ReceiptHandle: message.ReceiptHandle! }),
        );
        return { messageId: sent.MessageId! };
      }
    }
    return undefined;
  } finally {
    for (let i = 0; i < passedOver.length; i += 10)
      await sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: env().POS_DLQ_URL,
          Entries: passedOver.slice(i, i + 10),
        }),
      );
  }
}
