import type * as z from '../zod';
import type { posRefundSchema, posTransactionSchema } from './messages';
import type { Store } from './schemas';

/** A sale as a till reports it, in OpenAPI's examples: 128.00 CNY paid for 132.00 CNY of goods. */
export const posTransactionExample = {
  transactionId: 'T20261111-0042',
  storeId: 'plaza-b1-017',
  occurredAt: '2026-11-11T14:32:05+08:00',
  customer: { memberCode: '483920571364' },
  amount: 12800,
  currency: 'CNY',
  items: [
    { sku: 'MN-LATTE-L', category: 'coffee', quantity: 2, unitPrice: 3200 },
    { sku: 'MN-BEANS-250', category: 'coffee-beans', quantity: 1, unitPrice: 6800 },
  ],
  paymentMethod: 'wechat-pay',
} satisfies z.input<typeof posTransactionSchema>;

/** A partial refund of that sale (the two lattes), in OpenAPI's examples. */
export const posRefundExample = {
  refundId: 'R20261113-0007',
  transactionId: posTransactionExample.transactionId,
  storeId: posTransactionExample.storeId,
  amount: 6400,
  items: [{ sku: 'MN-LATTE-L', category: 'coffee', quantity: 2, unitPrice: 3200 }],
} satisfies z.input<typeof posRefundSchema>;

/** A store, in OpenAPI's examples. */
export const storeExample = {
  storeId: 'plaza-b1-017',
  name: 'Manner Coffee (SBM Plaza B1-017)',
  active: true,
  createdAt: '2026-10-20T02:05:44.019Z',
} satisfies Store;
