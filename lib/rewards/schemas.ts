import * as z from 'zod';
import { lazySchema } from '../lazy-schema';

export const rewardTypeSchema = lazySchema(() =>
  z
    .enum(['voucher', 'coupon', 'physical'])
    .describe(
      'voucher: a code from an imported pool; coupon: a code we generate, redeemed at the POS; physical: collected at a desk',
    ),
);

export const rewardSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    type: rewardTypeSchema,
    pointsCost: z.number().int().positive(),
    stock: z.number().int().min(0),
    perCustomerLimit: z.number().int().positive().optional(),
    validFrom: z.iso.datetime().optional(),
    validTo: z.iso.datetime().optional(),
    voucherValidDays: z.number().int().positive(),
    status: z.enum(['active', 'retired']),
    redeemed: z.number().int().min(0),
    createdAt: z.iso.datetime(),
  }),
);
export type Reward = z.infer<typeof rewardSchema>;

const rewardTerms = {
  name: lazySchema(() => z.string().trim().min(1).max(80)),
  description: lazySchema(() => z.string().trim().max(500).optional()),
  pointsCost: lazySchema(() => z.number().int().positive().max(10_000_000)),
  perCustomerLimit: lazySchema(() => z.number().int().positive().max(1000).optional()),
  validFrom: lazySchema(() => z.iso.datetime().optional()),
  validTo: lazySchema(() => z.iso.datetime().optional()),
  voucherValidDays: lazySchema(() => z.number().int().positive().max(3650).default(30)),
};

const validWindow = (reward: { validFrom?: string; validTo?: string }) =>
  !reward.validFrom || !reward.validTo || reward.validFrom < reward.validTo;

export const rewardInputSchema = lazySchema(() =>
  z
    .object({
      ...rewardTerms,
      type: rewardTypeSchema.default('coupon'),
      stock: z.number().int().min(0).max(10_000_000).default(0),
    })
    .strict()
    .refine(validWindow, { message: 'validFrom must be before validTo', path: ['validTo'] }),
);
export type RewardInput = z.infer<typeof rewardInputSchema>;

export const rewardPatchSchema = lazySchema(
  () =>
    z
      .object({
        ...Object.fromEntries(Object.entries(rewardTerms).map(([key, schema]) => [key, schema.optional()])),
        /** Relative stock change: positive to restock, negative to withdraw unsold units. */
        addStock: z.number().int().min(-10_000_000).max(10_000_000).optional(),
      })
      .strict() as z.ZodType<Partial<Omit<RewardInput, 'type' | 'stock'>> & { addStock?: number }>,
);
export type RewardPatch = z.infer<typeof rewardPatchSchema>;

export const voucherSchema = lazySchema(() => z.object({ code: z.string(), expiresAt: z.iso.datetime() }));

export const redemptionResultSchema = lazySchema(() =>
  z.object({
    redemptionId: z.string(),
    rewardId: z.string(),
    quantity: z.number().int(),
    pointsSpent: z.number().int(),
    balance: z.number().int(),
    voucher: voucherSchema.optional(),
    vouchers: z.array(voucherSchema).optional(),
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
    campaignId: z.string().optional(),
  }),
);
export type HeldVoucher = z.infer<typeof heldVoucherSchema>;
