import * as z from '../zod';
import { documents, getItems } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { lazySchema } from '../lazy-schema';
import type { QueueName } from './definitions';

/** As long as SQS keeps a dead letter (its longest retention), so the reason outlives the message. */
const REMEMBER_FAILURES_FOR_SECONDS = 14 * 24 * 3600;
const MAX_MESSAGE_LENGTH = 500;

/** Why a delivery failed, in a stable code and a sentence; `NO_ERROR_RECORDED` when nothing was reported. */
export const deliveryFailureSchema = lazySchema(() =>
  z.object({
    code: z.string().check(z.describe('A stable code of the cause, or NO_ERROR_RECORDED')),
    message: z.string().check(z.describe('The cause in a sentence')),
    receiveCount: z.optional(
      z
        .int()
        .check(
          z.describe(
            "The delivery (1 = first) that failed so; a dead letter's last is the queue's maxReceiveCount",
          ),
        ),
    ),
    failedAt: z.optional(z.string().check(z.describe('When that delivery failed'))),
  }),
);
export type DeliveryFailure = z.infer<typeof deliveryFailureSchema>;

/**
 * A failure whose cause a later delivery cannot cure is thrown as such, and one that may be cured (the
 * account is not there yet, a conflict) as itself: both carry a code for the dead letter's reason.
 */
export const failureCodeOf = (error: unknown): string => {
  if (error instanceof Error) {
    const { code } = error as Error & { code?: unknown };
    return typeof code === 'string' ? code : error.name;
  }
  return 'UNKNOWN_ERROR';
};

const failureKey = (queue: QueueName, messageId: string) => ({
  pk: `QUEUEFAILURE#${queue}#${messageId}`,
  sk: 'LAST',
});

/**
 * Remembers why a delivery of a message failed, replacing what an earlier delivery left: SQS moves a
 * message to its dead-letter queue without a reason, so staff read it here, by message id (which the
 * dead-letter queue keeps).
 */
export async function recordDeliveryFailure(
  queue: QueueName,
  messageId: string,
  failure: { error: unknown; receiveCount: number },
  now = new Date(),
) {
  const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: {
      ...failureKey(queue, messageId),
      messageId,
      code: failureCodeOf(failure.error),
      message: message.slice(0, MAX_MESSAGE_LENGTH),
      receiveCount: failure.receiveCount,
      failedAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + REMEMBER_FAILURES_FOR_SECONDS,
    },
  });
}

/** The last failure of each message, by message id; one the consumer never reported reads as such. */
export async function lastDeliveryFailures(
  queue: QueueName,
  messageIds: string[],
): Promise<Map<string, DeliveryFailure>> {
  const items = await getItems(messageIds.map((id) => failureKey(queue, id)));
  const found = new Map(items.map((item) => [String(item.messageId), deliveryFailureSchema.parse(item)]));
  return new Map(
    messageIds.map((id) => [
      id,
      found.get(id) ?? {
        code: 'NO_ERROR_RECORDED',
        message:
          'The consumer reported no error: it failed before its handler ran, crashed, or ran out of time.',
      },
    ]),
  );
}
