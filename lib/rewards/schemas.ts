import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { momentSchema } from '../http/time-inputs';

export const rewardTypeSchema = lazySchema(() =>
  z
    .enum(['voucher', 'coupon', 'physical'])
    .check(
      z.describe(
        'voucher: a code from an imported pool; coupon: a code we generate, redeemed at the POS; physical: collected at a desk',
      ),
    ),
);

export const rewardSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.optional(z.string()),
    type: rewardTypeSchema,
    pointsCost: z.int().check(z.positive()),
    stock: z.int().check(z.gte(0)),
    perCustomerLimit: z.optional(z.int().check(z.positive())),
    validFrom: z.optional(z.iso.datetime()),
    validTo: z.optional(z.iso.datetime()),
    voucherValidDays: z.int().check(z.positive()),
    status: z.enum(['active', 'retired']),
    redeemed: z.int().check(z.gte(0)),
    createdAt: z.iso.datetime(),
  }),
);
export type Reward = z.infer<typeof rewardSchema>;

const rewardTerms = {
  name: lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
  description: lazySchema(() => z.optional(z.string().check(z.trim(), z.maxLength(500)))),
  pointsCost: lazySchema(() => z.int().check(z.positive(), z.lte(10_000_000))),
  perCustomerLimit: lazySchema(() => z.optional(z.int().check(z.positive(), z.lte(1000)))),
  validFrom: lazySchema(() => z.optional(momentSchema)),
  validTo: lazySchema(() => z.optional(momentSchema)),
  voucherValidDays: lazySchema(() => z.int().check(z.positive(), z.lte(3650))),
};

const validWindow = (reward: { validFrom?: string; validTo?: string }) =>
  !reward.validFrom || !reward.validTo || reward.validFrom < reward.validTo;

export const rewardInputSchema = lazySchema(() =>
  z
    .strictObject({
      ...rewardTerms,
      voucherValidDays: z._default(rewardTerms.voucherValidDays, 30),
      type: z._default(rewardTypeSchema, 'coupon'),
      stock: z._default(z.int().check(z.gte(0), z.lte(10_000_000)), 0),
    })
    .check(z.refine(validWindow, { message: 'must be after validFrom', path: ['validTo'] })),
);
export type RewardInput = z.infer<typeof rewardInputSchema>;

/** Only what staff send changes: a term left out keeps its value (defaults belong to creation alone). */
export const rewardPatchSchema = lazySchema(
  () =>
    z.strictObject({
      ...Object.fromEntries(Object.entries(rewardTerms).map(([key, schema]) => [key, z.optional(schema)])),
      /** Relative stock change: positive to restock, negative to withdraw unsold units. */
      addStock: z.optional(z.int().check(z.gte(-10_000_000), z.lte(10_000_000))),
    }) as z.ZodMiniType<Partial<Omit<RewardInput, 'type' | 'stock'>> & { addStock?: number }>,
);
export type RewardPatch = z.infer<typeof rewardPatchSchema>;

export const voucherSchema = lazySchema(() => z.object({ code: z.string(), expiresAt: z.iso.datetime() }));

export const redemptionResultSchema = lazySchema(() =>
  z.object({
    redemptionId: z.string(),
    rewardId: z.string(),
    quantity: z.int(),
    pointsSpent: z.int(),
    balance: z.int(),
    voucher: z.optional(voucherSchema),
    vouchers: z.optional(z.array(voucherSchema)),
  }),
);
export type RedemptionResult = z.infer<typeof redemptionResultSchema>;

/** A voucher or coupon code a member holds: the voucher item's own fields, which are what they see. */
export const heldVoucherSchema = lazySchema(() =>
  z.object({
    code: z.string(),
    rewardId: z.string(),
    rewardName: z.string(),
    status: z.enum(['issued', 'redeemed', 'cancelled']),
    expiresAt: z.string(),
    /** Set when a campaign gave it. */
    campaignId: z.optional(z.string()),
  }),
);
export type HeldVoucher = z.infer<typeof heldVoucherSchema>;
