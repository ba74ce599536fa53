import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { defineAuditSubject } from '../audit/subjects';
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

/** The shelves of the catalogue members browse by; the console names each in its language. */
export const rewardCategorySchema = lazySchema(() =>
  z
    .enum(['dining', 'shopping', 'parking', 'leisure', 'beauty', 'kids', 'gift', 'other'])
    .check(z.describe('The shelf members find the reward on')),
);
export type RewardCategory = z.infer<typeof rewardCategorySchema>;

/** Where a reward's picture is kept: a key the upload route handed out, under this prefix. */
export const REWARD_IMAGE_PREFIX = 'reward-images/';
export const rewardImageKeySchema = lazySchema(() =>
  z
    .string()
    .check(
      z.regex(
        /^reward-images\/[0-9A-HJKMNP-TV-Z]{26}\.(jpg|png|webp)$/,
        'must be a key from POST /v1/admin/reward-images',
      ),
      z.describe('The imageKey POST /v1/admin/reward-images handed out; accepted once the image is uploaded'),
    ),
);

const STORE_ID =
  'The store whose service desk hands the item out; only its staff (and staff of every store) may collect';

/** The stock of a coupon that never runs out. */
export const UNLIMITED = 'unlimited';

const POINTS_COST = 'Points one unit costs';
const PER_CUSTOMER_LIMIT =
  'Units one member may redeem in all (a cancelled redemption gives its units back); no limit when absent';
const VALID_FROM = 'Members can redeem from this moment; at once when absent';
const VALID_TO = 'Members can redeem until this moment (exclusive); with no end when absent';
const VOUCHER_VALID_DAYS = 'Days a redeemed code stays usable; unused, it expires and the points go back';

export const rewardSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.optional(z.string()),
    type: rewardTypeSchema,
    category: z.optional(rewardCategorySchema),
    imageKey: z.optional(z.string().check(z.describe('Where the picture is kept'))),
    imageUrl: z.optional(z.string().check(z.describe('The picture, for members and staff to load'))),
    storeId: z.optional(z.string().check(z.describe(STORE_ID))),
    pointsCost: z.int().check(z.positive(), z.describe(POINTS_COST)),
    stock: z
      .union([z.int().check(z.gte(0)), z.literal(UNLIMITED)])
      .check(
        z.describe('Units left, or unlimited (a coupon whose codes are generated as members redeem it)'),
      ),
    perCustomerLimit: z.optional(z.int().check(z.positive(), z.describe(PER_CUSTOMER_LIMIT))),
    validFrom: z.optional(z.iso.datetime().check(z.describe(VALID_FROM))),
    validTo: z.optional(z.iso.datetime().check(z.describe(VALID_TO))),
    voucherValidDays: z.int().check(z.positive(), z.describe(VOUCHER_VALID_DAYS)),
    status: z
      .enum(['active', 'retired'])
      .check(z.describe('retired: no longer offered; redemptions made stand')),
    redeemed: z.int().check(z.gte(0), z.describe('Units redeemed so far, less those cancelled')),
    createdAt: z.iso.datetime(),
  }),
);
export type Reward = z.infer<typeof rewardSchema>;
/** A reward in the audit trail (`reward:<id>`): nothing of it is personal, its name is the catalogue's. */
export const rewardAuditSubject = defineAuditSubject('reward');

const rewardTerms = {
  name: lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
  description: lazySchema(() =>
    z.optional(z.string().check(z.trim(), z.maxLength(500), z.describe('Shown to members'))),
  ),
  pointsCost: lazySchema(() => z.int().check(z.positive(), z.lte(10_000_000), z.describe(POINTS_COST))),
  perCustomerLimit: lazySchema(() =>
    z.optional(z.int().check(z.positive(), z.lte(1000), z.describe(PER_CUSTOMER_LIMIT))),
  ),
  validFrom: lazySchema(() => z.optional(momentSchema.check(z.describe(VALID_FROM)))),
  validTo: lazySchema(() => z.optional(momentSchema.check(z.describe(`${VALID_TO}; after validFrom`)))),
  voucherValidDays: lazySchema(() =>
    z.int().check(z.positive(), z.lte(3650), z.describe(VOUCHER_VALID_DAYS)),
  ),
  category: lazySchema(() => z.optional(rewardCategorySchema)),
  imageKey: lazySchema(() => z.optional(rewardImageKeySchema)),
  storeId: lazySchema(() =>
    z.optional(z.string().check(z.minLength(1), z.maxLength(40), z.describe(STORE_ID))),
  ),
};

const validWindow = (reward: { validFrom?: string; validTo?: string }) =>
  !reward.validFrom || !reward.validTo || reward.validFrom < reward.validTo;

export const rewardInputSchema = lazySchema(() =>
  z
    .strictObject({
      ...rewardTerms,
      voucherValidDays: z._default(rewardTerms.voucherValidDays, 30),
      type: z._default(rewardTypeSchema, 'coupon'),
      category: z._default(rewardCategorySchema, 'other'),
      // Required, with "unlimited" for generated coupons: a default of 0 put new rewards out of stock unseen.
      stock: z.optional(
        z
          .union([z.int().check(z.gte(0), z.lte(10_000_000)), z.literal(UNLIMITED)], {
            error: (issue) =>
              issue.input === undefined ? 'is required' : 'must be a whole number of units, or "unlimited"',
          })
          .check(
            z.describe(
              'Units to offer: required for a coupon (a number, or unlimited) and a physical reward (a number); left out for a voucher, which has as many units as codes imported',
            ),
          ),
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
      removeImage: z.optional(
        z.boolean().check(z.describe('true: the reward shows no picture any more (imageKey left out)')),
      ),
      addStock: z.optional(
        z
          .int()
          .check(
            z.gte(-10_000_000),
            z.lte(10_000_000),
            z.describe(
              'A change of stock, not a new stock: positive restocks, negative withdraws unsold units (not for unlimited coupons)',
            ),
          ),
      ),
    }) as z.ZodMiniType<
      Partial<Omit<RewardInput, 'type' | 'stock'>> & { addStock?: number; removeImage?: boolean }
    >,
);
export type RewardPatch = z.infer<typeof rewardPatchSchema>;

export const voucherSchema = lazySchema(() =>
  z.object({
    code: z.string().check(z.describe('The code to show at the till, once')),
    expiresAt: z.iso.datetime().check(z.describe('Unused by then, the code lapses and its points go back')),
  }),
);

export const redemptionResultSchema = lazySchema(() =>
  z.object({
    redemptionId: z.string(),
    rewardId: z.string(),
    quantity: z.int(),
    pointsSpent: z.int(),
    balance: z.int().check(z.describe("The member's spendable balance after the redemption")),
    voucher: z.optional(
      voucherSchema.check(z.describe('The first of vouchers, for clients that redeem one unit')),
    ),
    vouchers: z.optional(
      z
        .array(voucherSchema)
        .check(z.describe('One code per unit, for coupon and voucher rewards; absent for a physical reward')),
    ),
    pickup: z.optional(
      voucherSchema.check(
        z.describe(
          'For a physical reward: the pickup code to show at the service desk, once, for all the units',
        ),
      ),
    ),
  }),
);
export type RedemptionResult = z.infer<typeof redemptionResultSchema>;
/** A redemption in the audit trail (`redemption:<id>`): its outcome names no one but by id. */
export const redemptionAuditSubject = defineAuditSubject('redemption');

/** A voucher or coupon code a member holds: the voucher item's own fields, which are what they see. */
export const heldVoucherSchema = lazySchema(() =>
  z.object({
    code: z.string(),
    rewardId: z.string(),
    rewardName: z.string(),
    status: z
      .enum(['issued', 'redeemed', 'cancelled'])
      .check(
        z.describe(
          'issued: usable at a till (or at the desk, for a pickup code); redeemed: used at a till, or the item collected; cancelled: its redemption was cancelled, or it lapsed unused',
        ),
      ),
    expiresAt: z.string().check(z.describe('Unused by then, the code lapses')),
    kind: z.optional(
      z
        .literal('pickup')
        .check(
          z.describe(
            'pickup: shown at the service desk to collect a physical item (redeemed once collected); absent for a code used at a till',
          ),
        ),
    ),
    campaignId: z.optional(z.string().check(z.describe('The campaign that gave the code, when one did'))),
  }),
);
export type HeldVoucher = z.infer<typeof heldVoucherSchema>;

/**
 * A member's redemption as the service desk sees it: what it cost, whether it still stands, and the
 * state of each of its codes, the code itself masked to its last four characters (a code is as good as
 * the voucher at a till).
 */
export const memberRedemptionSchema = lazySchema(() =>
  z.object({
    redemptionId: z.string().check(z.describe('The id to cancel it by')),
    rewardId: z.string(),
    rewardName: z.string().check(z.describe("The reward's name as the catalogue has it now")),
    quantity: z.int(),
    pointsSpent: z.int().check(z.describe('0 for a campaign gift')),
    status: redemptionStatusSchema,
    redeemedAt: z.iso.datetime().check(z.describe('When the member redeemed it, or the campaign gave it')),
    campaignId: z.optional(z.string().check(z.describe('The campaign that gave it, for a campaign gift'))),
    vouchers: z
      .array(
        z.object({
          maskedCode: z.string().check(z.describe('The code with all but its last four characters as *')),
          status: heldVoucherSchema.shape.status,
          expiresAt: z.string().check(z.describe('Unused by then, the code lapses')),
        }),
      )
      .check(z.describe("Its codes: a voucher's codes, or a physical item's pickup code")),
  }),
);
export type MemberRedemption = z.infer<typeof memberRedemptionSchema>;
/** The pictures a reward may show, and the file name ending each is kept under. */
export const REWARD_IMAGE_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type RewardImageType = keyof typeof REWARD_IMAGE_TYPES;
/** Big enough for a sharp catalogue photo, small enough for a member's phone on mobile data. */
export const MAX_REWARD_IMAGE_BYTES = 2 * 1024 * 1024;
/** How long an upload form stays good: long enough for a slow connection, short enough not to be kept. */
export const UPLOAD_TTL_SECONDS = 300;

/** Characters of a pickup code (lib/rewards/redemption.ts draws them). */
export const PICKUP_CODE_LENGTH = 12;

export const redemptionStatusSchema = lazySchema(() =>
  z
    .enum(['issued', 'collected', 'cancelled'])
    .check(
      z.describe(
        'issued: points spent, codes handed out (a physical item not yet collected); collected: the item was handed over at the desk; cancelled: the points went back',
      ),
    ),
);
export type RedemptionStatus = z.infer<typeof redemptionStatusSchema>;

/** One redemption as staff list them: what, who (by id), how many points, and its state now. */
export const redemptionSummarySchema = lazySchema(() =>
  z.object({
    redemptionId: z.string(),
    customerId: z.string().check(z.describe("The member's id (open it on the customers screen)")),
    rewardId: z.string(),
    rewardName: z.string(),
    rewardType: rewardTypeSchema,
    quantity: z.int(),
    pointsSpent: z.int().check(z.describe('0 for a campaign gift')),
    status: redemptionStatusSchema,
    createdAt: z.iso.datetime(),
    campaignId: z.optional(z.string().check(z.describe('The campaign that gave it, for a gift'))),
  }),
);
export type RedemptionSummary = z.infer<typeof redemptionSummarySchema>;

export const pickupStateSchema = lazySchema(() =>
  z
    .enum(['ready', 'collected', 'cancelled', 'expired'])
    .check(
      z.describe(
        'ready: to hand over now; collected: handed over already; cancelled: its redemption was cancelled; expired: not collected in time',
      ),
    ),
);
