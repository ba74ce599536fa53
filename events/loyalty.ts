import * as z from '../lib/zod';
import { tierCodeSchema } from '../lib/loyalty/tiers';
import { defineEvent } from './envelope';

const fen = () => z.int().check(z.gte(0));
/** A tier of the programme's ladder, by its code (staff name the tiers: bronze, vip, ...). */
const tier = () => tierCodeSchema;

export const PurchaseRecorded = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'PurchaseRecorded',
  schemaVersion: 1,
  description: "A member's sale reported by a store's POS was recorded (once per store and transaction).",
  data: () =>
    z.strictObject({
      customerId: z.string(),
      storeId: z.string(),
      transactionId: z.string(),
      amount: fen(),
      currency: z.literal('CNY'),
      occurredAt: z.iso.datetime({ offset: true }),
      categories: z.array(z.string()),
      /** The distinct SKUs sold (absent on events from before campaigns). */
      skus: z.optional(z.array(z.string())),
      /** The member's how-manieth purchase this is, 1 for the first. */
      purchaseNumber: z.optional(z.int().check(z.positive())),
      pointsEarned: z.int().check(z.gte(0)),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    storeId: 'demo-store',
    transactionId: 'T-1001',
    amount: 12800,
    currency: 'CNY',
    occurredAt: '2026-11-11T02:00:00.000Z',
    categories: ['fashion'],
    skus: ['SKU-1'],
    purchaseNumber: 1,
    pointsEarned: 128,
  },
});

export const PointsEarned = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'PointsEarned',
  schemaVersion: 1,
  description:
    'Points were credited to a member (for a purchase, or a campaign bonus), available at once or pending until the lock period ends.',
  data: () =>
    z.strictObject({
      customerId: z.string(),
      points: z.int().check(z.positive()),
      /** The member's lifetime earned points with these, when the credit knew the total exactly (purchases). */
      lifetimeEarned: z.optional(z.int().check(z.gte(0))),
      status: z.enum(['available', 'pending']),
      source: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('purchase'), storeId: z.string(), transactionId: z.string() }),
        /** A campaign's bonus; storeId when a purchase triggered it. */
        z.strictObject({
          kind: z.literal('campaign'),
          campaignId: z.string(),
          storeId: z.optional(z.string()),
        }),
      ]),
      earnedAt: z.iso.datetime(),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    points: 128,
    lifetimeEarned: 1128,
    status: 'available',
    source: { kind: 'purchase', storeId: 'demo-store', transactionId: 'T-1001' },
    earnedAt: '2026-11-11T02:00:01.000Z',
  },
});

export const PointsReversed = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'PointsReversed',
  schemaVersion: 1,
  description:
    "A refund took back points in proportion to the amount refunded: the sale's points, or (with campaignId) a campaign's bonus for it.",
  data: () =>
    z.strictObject({
      customerId: z.string(),
      points: z.int().check(z.gte(0)),
      storeId: z.string(),
      transactionId: z.string(),
      refundId: z.string(),
      refundAmount: fen(),
      /** Set when the points taken back were a campaign's bonus for the refunded sale. */
      campaignId: z.optional(z.string()),
    }),
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
  data: () =>
    z.strictObject({
      customerId: z.string(),
      from: tier(),
      to: tier(),
      qualifyingPoints: z.int(),
      changedAt: z.iso.datetime(),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    from: 'bronze',
    to: 'silver',
    qualifyingPoints: 1010,
    changedAt: '2026-11-11T02:00:01.000Z',
  },
});

export const PointsRedeemed = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'PointsRedeemed',
  schemaVersion: 1,
  description: 'A member spent points on a reward.',
  data: () =>
    z.strictObject({
      customerId: z.string(),
      redemptionId: z.string(),
      rewardId: z.string(),
      quantity: z.int().check(z.positive()),
      points: z.int().check(z.positive()),
      redeemedAt: z.iso.datetime(),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    redemptionId: '01JD0000000000000000000001',
    rewardId: 'coffee-voucher',
    quantity: 1,
    points: 300,
    redeemedAt: '2026-11-11T03:00:00.000Z',
  },
});

export const RedemptionCancelled = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'RedemptionCancelled',
  schemaVersion: 1,
  description:
    'A redemption was cancelled and its points returned to the lots they came from, with their original expiry.',
  data: () =>
    z.strictObject({
      customerId: z.string(),
      redemptionId: z.string(),
      rewardId: z.string(),
      points: z.int().check(z.positive()),
      reason: z.string(),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    redemptionId: '01JD0000000000000000000001',
    rewardId: 'coffee-voucher',
    points: 300,
    reason: 'staff',
  },
});

export const RedemptionCollected = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'RedemptionCollected',
  schemaVersion: 1,
  description:
    "A reward was used: a physical reward handed over at the service desk, or a coupon or voucher code accepted by a till (once per code). A campaign's coupon names its campaign.",
  data: () =>
    z.strictObject({
      customerId: z.string(),
      redemptionId: z.string(),
      rewardId: z.string(),
      /** `desk`: a pickup handed over by staff; `till`: a code accepted through the signed POS API. */
      collectedBy: z.enum(['desk', 'till']),
      /** The campaign that gave the coupon, when a campaign gave it. */
      campaignId: z.optional(z.string()),
      storeId: z.optional(z.string()),
      quantity: z.int().check(z.positive()),
      collectedAt: z.iso.datetime(),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    redemptionId: '01JD0000000000000000000002',
    rewardId: 'coffee-voucher',
    collectedBy: 'till',
    campaignId: '01JD0000000000000000000001',
    storeId: 'demo-store',
    quantity: 1,
    collectedAt: '2026-11-29T06:10:00.000Z',
  },
});

export const PointsExpired = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'PointsExpired',
  schemaVersion: 1,
  description: "Points in a member's lot reached their expiry and were removed from the balance.",
  data: () =>
    z.strictObject({
      customerId: z.string(),
      points: z.int().check(z.positive()),
      lot: z.string(),
      expiredAt: z.iso.datetime(),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    points: 120,
    lot: '2027-11',
    expiredAt: '2027-11-30T16:00:00.000Z',
  },
});

export const PointsAdjusted = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'PointsAdjusted',
  schemaVersion: 1,
  description: "Staff added points to or removed points from a member's balance, with a reason.",
  data: () =>
    z.strictObject({
      customerId: z.string(),
      points: z.int(),
      reasonCode: z.string(),
      staffId: z.string(),
      adjustmentId: z.string(),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    points: 200,
    reasonCode: 'goodwill',
    staffId: '01JD0000000000000000000009',
    adjustmentId: '01JD000000000000000000000A',
  },
});

export const PointsExpiring = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'PointsExpiring',
  schemaVersion: 1,
  description:
    "Points in a member's lot will expire within 30 days (published once a day while the lot is in that window).",
  data: () =>
    z.strictObject({
      customerId: z.string(),
      points: z.int().check(z.positive()),
      lot: z.string(),
      expiresAt: z.iso.datetime(),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    points: 120,
    lot: '2027-11',
    expiresAt: '2027-11-30T16:00:00.000Z',
  },
});

export const TierDowngradeScheduled = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'TierDowngradeScheduled',
  schemaVersion: 1,
  description:
    "A member's tier review is 30 days away and their rolling qualifying points would drop them one tier.",
  data: () =>
    z.strictObject({
      customerId: z.string(),
      from: tier(),
      to: tier(),
      reviewOn: z.iso.date(),
      pointsToKeepTier: z.int().check(z.positive()),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    from: 'gold',
    to: 'silver',
    reviewOn: '2027-11-11',
    pointsToKeepTier: 1200,
  },
});

export const UnmatchedSaleRecorded = defineEvent({
  source: 'sbm.crm.loyalty',
  detailType: 'UnmatchedSaleRecorded',
  schemaVersion: 1,
  description:
    "A store's sale whose member could not be found was kept unmatched for staff to assign (once per store and transaction); assigned later, it is recorded as a PurchaseRecorded too.",
  data: () =>
    z.strictObject({
      storeId: z.string(),
      transactionId: z.string(),
      amount: fen(),
      currency: z.literal('CNY'),
      occurredAt: z.iso.datetime({ offset: true }),
      categories: z.array(z.string()),
      reason: z.enum(['UNKNOWN_MEMBER_CODE', 'UNKNOWN_CUSTOMER']),
    }),
  example: {
    storeId: 'demo-store',
    transactionId: 'T-1002',
    amount: 5600,
    currency: 'CNY',
    occurredAt: '2026-11-11T03:00:00.000Z',
    categories: ['food'],
    reason: 'UNKNOWN_MEMBER_CODE',
  },
});
