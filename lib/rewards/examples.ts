import type { HeldVoucher, RedemptionSummary, Reward } from './schemas';

/** A coupon of the catalogue, whose codes are generated as members redeem it, in OpenAPI's examples. */
export const couponRewardExample = {
  id: '01JDC7E9G1J3K5M7N9P1Q3R5S7',
  name: 'Free parking, 2 hours',
  description: 'Show the code at any car park exit of SBM Plaza.',
  type: 'coupon',
  category: 'parking',
  pointsCost: 300,
  stock: 'unlimited',
  perCustomerLimit: 4,
  validFrom: '2026-11-30T16:00:00.000Z',
  validTo: '2027-02-28T16:00:00.000Z',
  voucherValidDays: 14,
  status: 'active',
  redeemed: 0,
  createdAt: '2026-11-26T02:11:38.604Z',
} satisfies Reward;

/** A voucher of the catalogue, whose codes staff import from the brand, in OpenAPI's examples. */
export const voucherRewardExample = {
  id: '01JD2R4S6T8V0W2X4Y6Z8A0B2C',
  name: 'Manner Coffee 30 CNY voucher',
  description: '30 CNY off any order at Manner Coffee, B1-017.',
  type: 'voucher',
  category: 'dining',
  pointsCost: 1000,
  stock: 184,
  perCustomerLimit: 2,
  validTo: '2026-12-31T15:59:59.000Z',
  voucherValidDays: 30,
  status: 'active',
  redeemed: 16,
  createdAt: '2026-10-28T07:20:11.482Z',
} satisfies Reward;

/** A code a member holds, in OpenAPI's examples. */
export const heldVoucherExample = {
  code: 'MNR30-7KQ2X9',
  rewardId: voucherRewardExample.id,
  rewardName: voucherRewardExample.name,
  status: 'issued',
  expiresAt: '2026-12-20T11:05:31.208Z',
} satisfies HeldVoucher;

/** A physical item collected at a service desk, with its picture, in OpenAPI's examples. */
export const physicalRewardExample = {
  id: '01JDE4G6J8L0N2Q4S6U8W0Y2A4',
  name: 'SBM Plaza tote bag',
  description: 'Canvas tote in the plaza colours; collect it at the L1 service desk.',
  type: 'physical',
  category: 'gift',
  imageKey: 'reward-images/01JDF2H4K6M8P0R2T4V6X8Z0B2.jpg',
  imageUrl: 'https://d1a2b3c4d5e6f7.cloudfront.net/reward-images/01JDF2H4K6M8P0R2T4V6X8Z0B2.jpg',
  storeId: 'plaza-l1-desk',
  pointsCost: 800,
  stock: 120,
  perCustomerLimit: 1,
  voucherValidDays: 14,
  status: 'active',
  redeemed: 30,
  createdAt: '2026-11-20T03:00:00.000Z',
} satisfies Reward;

/** A pickup code as the service desk looks it up, in OpenAPI's examples. */
export const pickupExample = {
  code: 'H7KQ2MXR9TBW',
  state: 'ready' as const,
  redemptionId: '01JDG3J5L7N9Q1S3U5W7Y9A1C3',
  rewardId: physicalRewardExample.id,
  rewardName: physicalRewardExample.name,
  imageUrl: physicalRewardExample.imageUrl,
  quantity: 1,
  storeId: physicalRewardExample.storeId,
  member: { customerId: '01JD0A2C4E6G8J0K2M4P6R8T0V', name: '王*', phone: '138****5678' },
  expiresAt: '2026-12-20T06:12:44.000Z',
};

/** A redemption as staff list it, in OpenAPI's examples. */
export const redemptionSummaryExample = {
  redemptionId: pickupExample.redemptionId,
  customerId: pickupExample.member.customerId,
  rewardId: physicalRewardExample.id,
  rewardName: physicalRewardExample.name,
  rewardType: 'physical',
  quantity: 1,
  pointsSpent: 800,
  status: 'issued',
  createdAt: '2026-12-06T06:12:44.000Z',
} satisfies RedemptionSummary;
