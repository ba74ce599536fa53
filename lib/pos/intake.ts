import * as z from '../zod';
import type { PosCaller } from '../auth/principal';
import { lazyEnv } from '../config';
import { problems } from '../http/problem';
import { awsClients } from '../aws-clients';
import type { PosMessage, PosRefund, PosTransaction } from './messages';
import { lazySchema } from '../lazy-schema';

const env = lazyEnv({ POS_QUEUE_URL: lazySchema(() => z.string().check(z.minLength(1))) });

function assertOwnStore(caller: PosCaller, storeId: string) {
  if (caller.storeId !== storeId)
    throw problems.forbidden(`Key ${caller.keyId} may not report for store ${storeId}.`);
}

async function enqueue(message: PosMessage) {
  const [sqs, { SendMessageCommand }] = await Promise.all([awsClients.sqs(), import('@aws-sdk/client-sqs')]);
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: env().POS_QUEUE_URL,
      MessageBody: JSON.stringify(message),
      MessageAttributes: { correlationId: { DataType: 'String', StringValue: message.correlationId } },
    }),
  );
}

/**
 * Accepts a signed sale onto the POS queue. Nothing is credited here: the consumer does that once per
 * (store, transaction), so a POS that resends after a timeout does no harm.
 */
export async function acceptPurchase(
  caller: PosCaller,
  transaction: PosTransaction,
  correlationId: string,
  now = new Date(),
) {
  assertOwnStore(caller, transaction.storeId);
  await enqueue({
    kind: 'purchase',
    transaction,
    receivedAt: now.toISOString(),
    keyId: caller.keyId,
    correlationId,
  });
  return { transactionId: transaction.transactionId, status: 'accepted' as const };
}

export async function acceptRefund(
  caller: PosCaller,
  refund: PosRefund,
  correlationId: string,
  now = new Date(),
) {
  assertOwnStore(caller, refund.storeId);
  await enqueue({
    kind: 'refund',
    refund,
    receivedAt: now.toISOString(),
    keyId: caller.keyId,
    correlationId,
  });
  return { refundId: refund.refundId, status: 'accepted' as const };
}
