import { z } from 'zod';
import { defineEvent } from './envelope';

const fen = z.number().int().min(0);
const tier = z.enum(['bronze', 'silver', 'gold', 'platinum']);

export const PurchaseRecorded = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'PurchaseRecorded',
  schemaVersion: 1,
  description: "A member's sale reported by a store's POS was recorded (once per store and transaction).",
  data: z
    .object({
      customerId: z.string(),
      storeId: z.string(),
      transactionId: z.string(),
      amount: fen,
      currency: z.literal('CNY'),
      occurredAt: z.iso.datetime({ offset: true }),
      categories: z.array(z.string()),
      pointsEarned: z.number().int().min(0),
    })
    .strict(),
  example: {
    customerId: '01JD0000000000000000000000',
    storeId: 'demo-store',
    transactionId: 'T-1001',
    amount: 12800,
    currency: 'CNY',
    occurredAt: '2026-11-11T02:00:00.000Z',
    categories: ['fashion'],
    pointsEarned: 128,
  },
});

export const PointsEarned = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'PointsEarned',
  schemaVersion: 1,
  description: 'Points were credited to a member, available at once or pending until the lock period ends.',
  data: z
    .object({
      customerId: z.string(),
      points: z.number().int().positive(),
      status: z.enum(['available', 'pending']),
      source: z
        .object({ kind: z.literal('purchase'), storeId: z.string(), transactionId: z.string() })
        .strict(),
      earnedAt: z.iso.datetime(),
    })
    .strict(),
  example: {
    customerId: '01JD0000000000000000000000',
    points: 128,
    status: 'available',
    source: { kind: 'purchase', storeId: 'demo-store', transactionId: 'T-1001' },
    earnedAt: '2026-11-11T02:00:01.000Z',
  },
});

export const PointsReversed = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'PointsReversed',
  schemaVersion: 1,
  description: 'A refund took back points in proportion to the amount refunded.',
  data: z
    .object({
      customerId: z.string(),
      points: z.number().int().min(0),
      storeId: z.string(),
      transactionId: z.string(),
      refundId: z.string(),
      refundAmount: fen,
    })
    .strict(),
  example: {
    customerId: '01JD0000000000000000000000',
    points: 64,
    storeId: 'demo-store',
    transactionId: 'T-1001',
    refundId: 'R-1',
    refundAmount: 6400,
  },
});

export const TierChanged = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'TierChanged',
  schemaVersion: 1,
  description: "A member's tier changed (upgrades happen as soon as the qualifying points are reached).",
  data: z
    .object({
      customerId: z.string(),
      from: tier,
      to: tier,
      qualifyingPoints: z.number().int(),
      changedAt: z.iso.datetime(),
    })
    .strict(),
  example: {
    customerId: '01JD0000000000000000000000',
    from: 'bronze',
    to: 'silver',
    qualifyingPoints: 1010,
    changedAt: '2026-11-11T02:00:01.000Z',
  },
});
