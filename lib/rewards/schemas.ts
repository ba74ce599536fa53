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

/** The stock of a coupon that never runs out. */
export const UNLIMITED = 'unlimited';

export const rewardSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.optional(z.string()),
    type: rewardTypeSchema,
    pointsCost: z.int().check(z.positive()),
    /** Units left, or `unlimited` (a coupon whose codes we generate as they are redeemed). */
    stock: z.union([z.int().check(z.gte(0)), z.literal(UNLIMITED)]),
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
      // Required, with "unlimited" for generated coupons: a default of 0 put new rewards out of stock unseen.
      stock: z.optional(
        z.union([z.int().check(z.gte(0), z.lte(10_000_000)), z.literal(UNLIMITED)], {
          error: (issue) =>
            issue.input === undefined ? 'is required' : 'must be a whole number of units, or "unlimited"',
        }),
      ),
    })
    .check(
      z.refine(validWindow, { message: 'must be after validFrom', path: ['validTo'] }),
      z.superRefine<{ type: Reward['type']; stock?: Reward['stock'] }>((reward, context) => {
        const problem = stockProblem(reward.type, reward.stock);
        if (problem) context.addIssue({ code: 'custom', message: problem, path: ['stock'] });
      }),
    ),
);

/** What is wrong with a reward's stock for its type, if anything. */
function stockProblem(type: Reward['type'], stock: Reward['stock'] | undefined): string | undefined {
  if (type === 'voucher')
    return stock === undefined || stock === 0
      ? undefined
      : 'must be left out: a voucher reward has as many units as codes imported';
  if (stock === undefined) return 'is required: a number of units, or "unlimited" for a coupon';
  if (stock === UNLIMITED && type !== 'coupon')
    return 'can be "unlimited" only for a coupon, whose codes are generated';
  return undefined;
}
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
