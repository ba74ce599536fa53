import * as z from '../zod';
import { lazyEnv } from '../config';
import { awsClients } from '../aws-clients';
import { posMessageSchema } from './messages';
import { lazySchema } from '../lazy-schema';

const env = lazyEnv({
  POS_DLQ_URL: lazySchema(() => z.string().check(z.minLength(1))),
  POS_DLQ_ARN: lazySchema(() => z.string().check(z.minLength(1))),
});

/**
 * A look at the POS messages that failed five times: read with a short visibility timeout, so they
 * stay in the dead-letter queue for a redrive.
 */
export async function peekPosDeadLetters() {
  const [sqs, { ReceiveMessageCommand }] = await Promise.all([
    awsClients.sqs(),
    import('@aws-sdk/client-sqs'),
  ]);
  const result = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: env().POS_DLQ_URL,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 5,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
    }),
  );
  return (result.Messages ?? []).map((message) => {
    const parsed = posMessageSchema.safeParse(JSON.parse(message.Body ?? 'null'));
    return {
      messageId: message.MessageId!,
      sentAt: new Date(Number(message.Attributes?.SentTimestamp ?? 0)).toISOString(),
      receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
      message: parsed.success ? parsed.data : null,
      raw: parsed.success ? undefined : message.Body,
    };
  });
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
