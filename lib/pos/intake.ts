import * as z from '../zod';
import type { PosCaller } from '../auth/principal';
import { lazyEnv } from '../config';
import { problems } from '../http/problem';
import { awsClients } from '../aws-clients';
import type { PosMessage, PosRefund, PosTransaction } from './messages';
import { lazySchema } from '../lazy-schema';

const env = lazyEnv({
  POS_QUEUE_URL: lazySchema(() => z.string().check(z.minLength(1))),
  /** The stage's window for late uploads (cdk.json `posLateSaleDays`). */
  POS_LATE_SALE_DAYS: lazySchema(() =>
    z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(730)), 30),
  ),
});

/** How far ahead of our clock a till's clock may run: a sale later than this has not happened yet. */
export const SALE_CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

function assertNotInFuture(transaction: PosTransaction, now: Date) {
  if (Date.parse(transaction.occurredAt) > now.getTime() + SALE_CLOCK_TOLERANCE_MS)
    throw problems.validation([
      { field: 'body.occurredAt', message: 'occurredAt must not be more than 5 minutes in the future' },
    ]);
}

/**
 * A sale older than the stage's window is refused: an offline till catching up stays within it, while
 * a sale from years ago would rewrite closed days, expired lots and tiers already reviewed.
 */
function assertRecentEnough(transaction: PosTransaction, now: Date, lateSaleDays = env().POS_LATE_SALE_DAYS) {
  if (Date.parse(transaction.occurredAt) < now.getTime() - lateSaleDays * 86_400_000)
    throw problems.saleTooOld(lateSaleDays);
}

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
 * (store, transaction), so a POS that resends after a timeout does no harm. A sale dated more than five
 * minutes ahead of `now` is refused: it would count in a day, and earn under rules, still to come.
 */
export async function acceptPurchase(
  caller: PosCaller,
  transaction: PosTransaction,
  correlationId: string,
  now = new Date(),
) {
  assertOwnStore(caller, transaction.storeId);
  assertNotInFuture(transaction, now);
  assertRecentEnough(transaction, now);
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
