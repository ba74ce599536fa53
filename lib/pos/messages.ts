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
    category: z
      .string()
      .check(
        z.trim(),
        z.minLength(1),
        z.maxLength(64),
        z.describe("The store's product category, as earning rules and campaign conditions name it"),
      ),
    quantity: z.int().check(z.positive(), z.lte(10_000)),
    unitPrice: fen.check(
      z.describe('The price of one unit in fen (1 CNY = 100 fen), before order discounts'),
    ),
  }),
);

/** A completed sale as the POS reports it. Amounts are integer fen. */
export const posTransactionSchema = lazySchema(() =>
  z.strictObject({
    transactionId: externalId.check(
      z.describe(
        "The till's id of the sale, unique within the store: a sale resent with it is credited once",
      ),
    ),
    storeId: z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(40),
        z.describe("The store of the sale; it must be the POS key's own"),
      ),
    occurredAt: momentSchema.check(
      z.describe(
        "When the sale was made, with Z or an offset: at most 5 minutes ahead of our clock, and no older than the stage's window for late uploads (30 days unless set)",
      ),
    ),
    customer: z
      .union(
        [
          z.strictObject({ customerId: z.string().check(z.minLength(1), z.maxLength(64)) }),
          z.strictObject({
            memberCode: z
              .string()
              .check(
                z.regex(/^\d{12}$/, 'must be a 12-digit member code'),
                z.describe("The 12 digits of the member's QR code"),
              ),
          }),
        ],
        {
          error: (issue) =>
            issue.input === undefined
              ? 'is required'
              : 'must be { customerId } (1 to 64 characters) or { memberCode } (12 digits)',
        },
      )
      .check(
        z.describe(
          'The member: their id, or the 12-digit member code the mini program showed at the till. A code is good ' +
            'for about 60 s after it was issued, counted to when the request reaches us; with an unknown or ' +
            'expired code the sale is kept unmatched for staff to assign',
        ),
      ),
    amount: fen.check(z.describe('What the customer paid, in fen (1 CNY = 100 fen), after every discount')),
    currency: z.literal('CNY'),
    items: z
      .array(purchaseLineSchema)
      .check(
        z.maxLength(500),
        z.describe(
          'The lines of the sale; lines of excluded SKUs or categories earn nothing. Empty: the whole amount earns',
        ),
      ),
    paymentMethod: z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.minLength(1),
          z.maxLength(32),
          z.describe(
            "The till's name for how the customer paid (wechat-pay, alipay, card, cash); kept, not checked",
          ),
        ),
    ),
  }),
);
export type PosTransaction = z.infer<typeof posTransactionSchema>;

/** A full or partial refund of an earlier sale. */
export const posRefundSchema = lazySchema(() =>
  z.strictObject({
    refundId: externalId.check(
      z.describe(
        "The till's id of the refund, unique within the store: a refund resent with it is applied once",
      ),
    ),
    transactionId: externalId.check(z.describe('The transactionId of the sale refunded, in the same store')),
    storeId: z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(40),
        z.describe("The store of the sale; it must be the POS key's own"),
      ),
    amount: fen.check(
      z.refine((amount) => amount > 0, 'must be greater than 0'),
      z.describe(
        "The amount refunded, in fen: the sale's points are taken back in proportion, counting earlier refunds",
      ),
    ),
    items: z.optional(
      z
        .array(purchaseLineSchema)
        .check(
          z.maxLength(500),
          z.describe('The lines refunded, for the record; the amount decides the points'),
        ),
    ),
  }),
);
export type PosRefund = z.infer<typeof posRefundSchema>;

/** What the intake puts on the POS queue: the payload plus what only the server knows. */
const receivedShape = () => ({
  receivedAt: z.iso.datetime().check(z.describe('When the intake accepted the request')),
  keyId: z.string().check(z.describe('The POS key the request was signed with')),
  correlationId: z.string().check(z.describe("The request's correlation id, carried through its processing")),
});

export const posMessageSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('purchase'), transaction: posTransactionSchema, ...receivedShape() }),
    z.object({ kind: z.literal('refund'), refund: posRefundSchema, ...receivedShape() }),
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
