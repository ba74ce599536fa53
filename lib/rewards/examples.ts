import type { HeldVoucher, Reward } from './schemas';

/** A coupon of the catalogue, whose codes are generated as members redeem it, in OpenAPI's examples. */
export const couponRewardExample = {
  id: '01JDC7E9G1J3K5M7N9P1Q3R5S7',
  name: 'Free parking, 2 hours',
  description: 'Show the code at any car park exit of SBM Plaza.',
  type: 'coupon',
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
