import * as z from 'zod';
import { lazySchema } from '../lazy-schema';

const fen = lazySchema(() => z.number().int().min(0).max(100_000_000_00));
const externalId = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w.:-]+$/, 'letters, digits and . _ : -'),
);

export const purchaseLineSchema = lazySchema(() =>
  z
    .object({
      sku: z.string().trim().min(1).max(64),
      category: z.string().trim().min(1).max(64),
      quantity: z.number().int().positive().max(10_000),
      unitPrice: fen,
    })
    .strict(),
);

/** A completed sale as the POS reports it. Amounts are integer fen. */
export const posTransactionSchema = lazySchema(() =>
  z
    .object({
      transactionId: externalId,
      storeId: z.string().min(1).max(40),
      occurredAt: z.iso.datetime({ offset: true }),
      customer: z.union([
        z.object({ customerId: z.string().min(1).max(64) }).strict(),
        z.object({ memberCode: z.string().regex(/^\d{12}$/, 'a 12-digit member code') }).strict(),
      ]),
      amount: fen,
      currency: z.literal('CNY'),
      items: z.array(purchaseLineSchema).max(500),
      paymentMethod: z.string().trim().min(1).max(32).optional(),
    })
    .strict(),
);
export type PosTransaction = z.infer<typeof posTransactionSchema>;

/** A full or partial refund of an earlier sale. */
export const posRefundSchema = lazySchema(() =>
  z
    .object({
      refundId: externalId,
      transactionId: externalId,
      storeId: z.string().min(1).max(40),
      amount: fen.refine((amount) => amount > 0, 'a refund returns some money'),
      items: z.array(purchaseLineSchema).max(500).optional(),
    })
    .strict(),
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
