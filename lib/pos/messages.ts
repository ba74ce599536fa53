import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { momentSchema } from '../http/time-inputs';

const fen = lazySchema(() => z.int().check(z.gte(0), z.lte(100_000_000_00)));
const externalId = lazySchema(() =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(64),
      z.regex(/^[\w.:-]+$/, 'must be letters, digits and . _ : -'),
    ),
);

export const purchaseLineSchema = lazySchema(() =>
  z.strictObject({
    sku: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
    category: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
    quantity: z.int().check(z.positive(), z.lte(10_000)),
    unitPrice: fen,
  }),
);

/** A completed sale as the POS reports it. Amounts are integer fen. */
export const posTransactionSchema = lazySchema(() =>
  z.strictObject({
    transactionId: externalId,
    storeId: z.string().check(z.minLength(1), z.maxLength(40)),
    occurredAt: momentSchema,
    customer: z.union(
      [
        z.strictObject({ customerId: z.string().check(z.minLength(1), z.maxLength(64)) }),
        z.strictObject({
          memberCode: z.string().check(z.regex(/^\d{12}$/, 'must be a 12-digit member code')),
        }),
      ],
      {
        error: (issue) =>
          issue.input === undefined
            ? 'is required'
            : 'must be { customerId } (1 to 64 characters) or { memberCode } (12 digits)',
      },
    ),
    amount: fen,
    currency: z.literal('CNY'),
    items: z.array(purchaseLineSchema).check(z.maxLength(500)),
    paymentMethod: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(32))),
  }),
);
export type PosTransaction = z.infer<typeof posTransactionSchema>;

/** A full or partial refund of an earlier sale. */
export const posRefundSchema = lazySchema(() =>
  z.strictObject({
    refundId: externalId,
    transactionId: externalId,
    storeId: z.string().check(z.minLength(1), z.maxLength(40)),
    amount: fen.check(z.refine((amount) => amount > 0, 'must be greater than 0')),
    items: z.optional(z.array(purchaseLineSchema).check(z.maxLength(500))),
  }),
);
export type PosRefund = z.infer<typeof posRefundSchema>;

/** What the intake puts on the POS queue: the payload plus what only the server knows. */
export const posMessageSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('purchase'),
      transaction: posTransactionSchema,
      receivedAt: z.iso.datetime(),
      keyId: z.string(),
      correlationId: z.string(),
    }),
    z.object({
      kind: z.literal('refund'),
      refund: posRefundSchema,
      receivedAt: z.iso.datetime(),
      keyId: z.string(),
      correlationId: z.string(),
    }),
  ]),
);
export type PosMessage = z.infer<typeof posMessageSchema>;

/**
 * The points account a message changes, as far as the message tells: a purchase names its member (by id
 * or by code), a refund only its sale, whose member it shares.
 */
export const posAccountKey = (message: PosMessage): string =>
  message.kind === 'purchase'
    ? 'customerId' in message.transaction.customer
      ? `customer:${message.transaction.customer.customerId}`
      : `code:${message.transaction.customer.memberCode}`
    : `sale:${message.refund.storeId}:${message.refund.transactionId}`;
