import * as z from '../zod';
import { DEFAULT_EXPIRY_POLICY, expiryPolicySchema } from './lots';
import { tierCodeSchema, type TierCode } from './tiers';
import { lazySchema } from '../lazy-schema';

/** A line of a purchase as the POS sends it; money is integer fen. */
export interface PurchaseLine {
  sku: string;
  category: string;
  quantity: number;
  unitPrice: number;
}

export interface Purchase {
  storeId: string;
  /** What the customer paid, in fen, after discounts. */
  amount: number;
  items: PurchaseLine[];
}

const multiplier = lazySchema(() => z.number().check(z.gte(0), z.lte(10)));

const earningTerms = () => ({
  fenPerPoint: z
    .int()
    .check(z.positive(), z.describe('Fen of eligible spend per base point: 100 is 1 point per CNY')),
  tierMultipliers: z
    .record(tierCodeSchema, multiplier)
    .check(z.describe('By tier code, 0 to 10; a tier without one earns at 1')),
  storeMultipliers: z
    .record(z.string(), multiplier)
    .check(z.describe('By store id, 0 to 10; others earn at 1')),
  categoryMultipliers: z
    .record(z.string(), multiplier)
    .check(z.describe("By product category, 0 to 10, weighting each line's share; others at 1")),
  excludedCategories: z.array(z.string()).check(z.describe('Lines of these categories earn nothing')),
  excludedSkus: z.array(z.string()).check(z.describe('Lines of these SKUs earn nothing')),
  minimumSpend: z.int().check(z.gte(0), z.describe('Eligible spend below this, in fen, earns nothing')),
  lockDays: z
    .int()
    .check(
      z.gte(0),
      z.lte(90),
      z.describe(
        'Days earned points stay pending (the return window, say) before they can be spent; 0: at once',
      ),
    ),
});

/** The earning rules of a saved version; each applies from its effective date. */
export const earningRulesSchema = lazySchema(() =>
  z.strictObject({
    ...earningTerms(),
    expiry: z
      ._default(expiryPolicySchema, DEFAULT_EXPIRY_POLICY)
      .check(
        z.describe(
          'When points earned under these rules expire (versions saved before it could be set: the default)',
        ),
      ),
  }),
);
export type EarningRules = z.infer<typeof earningRulesSchema>;

/** The rules staff save as a new version; without `expiry`, the version keeps the one it follows. */
export const earningRulesInputSchema = lazySchema(() =>
  z.strictObject({
    ...earningTerms(),
    expiry: z.optional(
      expiryPolicySchema.check(
        z.describe(
          'When points earned under these rules expire; left out, the expiry in force at effectiveFrom stays',
        ),
      ),
    ),
  }),
);
export type EarningRulesInput = z.infer<typeof earningRulesInputSchema>;

export const DEFAULT_EARNING_RULES: EarningRules = {
  fenPerPoint: 100,
  tierMultipliers: { bronze: 1, silver: 1.2, gold: 1.5, platinum: 2 },
  storeMultipliers: {},
  categoryMultipliers: {},
  excludedCategories: [],
  excludedSkus: [],
  minimumSpend: 0,
  lockDays: 0,
  expiry: DEFAULT_EXPIRY_POLICY,
};

/**
 * Points a purchase earns. The order is fixed (and documented in the README):
 * 1. lines whose SKU or category is excluded are dropped;
 * 2. the eligible spend is the sum of the remaining lines, scaled down pro rata when the amount paid is
 *    lower than all lines' total (order-level discounts), so it never exceeds the amount paid;
 * 3. eligible spend below the minimum spend earns nothing;
 * 4. each line's share of the eligible spend is weighted by its category multiplier;
 * 5. the weighted spend is multiplied by the store multiplier, then the tier multiplier;
 * 6. it is divided by fen-per-point and rounded down once, at the end.
 */
export function pointsForPurchase(purchase: Purchase, rules: EarningRules, tier: TierCode): number {
  const valueOf = (line: PurchaseLine) => line.quantity * line.unitPrice;
  const linesTotal = purchase.items.reduce((sum, line) => sum + valueOf(line), 0);
  // Without lines (they are optional detail) the whole amount paid is eligible, at category weight 1.
  const lines =
    purchase.items.length === 0
      ? [{ value: purchase.amount, category: '' }]
      : purchase.items
          .filter(
            (line) =>
              !rules.excludedSkus.includes(line.sku) && !rules.excludedCategories.includes(line.category),
          )
          .map((line) => ({ value: valueOf(line), category: line.category }));
  const discount =
    purchase.items.length === 0 || linesTotal === 0 ? 1 : Math.min(1, purchase.amount / linesTotal);
  const eligibleSpend = lines.reduce((sum, line) => sum + line.value, 0) * discount;
  if (eligibleSpend <= 0 || eligibleSpend < rules.minimumSpend) return 0;
  const weightedSpend = lines.reduce(
    (sum, line) => sum + line.value * discount * (rules.categoryMultipliers[line.category] ?? 1),
    0,
  );
  const storeMultiplier = rules.storeMultipliers[purchase.storeId] ?? 1;
  const tierMultiplier = rules.tierMultipliers[tier] ?? 1;
  // A tiny epsilon keeps 128.00 CNY x 1.2 from landing on 153.59999 because of binary floating point.
  return Math.max(
    0,
    Math.floor((weightedSpend * storeMultiplier * tierMultiplier) / rules.fenPerPoint + 1e-9),
  );
}

/**
 * Points a refund takes back: in proportion to the amount refunded, counting earlier refunds, so that
 * several partial refunds together never take back more than the sale earned.
 */
export function pointsToReverse(sale: {
  amount: number;
  pointsEarned: number;
  refundedBefore: number;
  pointsReversedBefore: number;
  refundAmount: number;
}): { points: number; refundedAfter: number; pointsReversedAfter: number } {
  const refundedAfter = Math.min(sale.amount, sale.refundedBefore + Math.max(0, sale.refundAmount));
  const owedAfter =
    sale.amount === 0 ? sale.pointsEarned : Math.floor((sale.pointsEarned * refundedAfter) / sale.amount);
  const pointsReversedAfter = Math.min(sale.pointsEarned, Math.max(sale.pointsReversedBefore, owedAfter));
  return { points: pointsReversedAfter - sale.pointsReversedBefore, refundedAfter, pointsReversedAfter };
}
