import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/**
 * What "points issued" means in every report (daily sales and points liability alike): every point
 * credited to members — for purchases and as campaign bonuses — when it is credited, pending points
 * included. Points a refund takes back are counted as reversed, and staff adjustments as adjusted;
 * neither changes the points issued.
 */
export const POINTS_ISSUED =
  'Points issued: every point credited to members, for purchases and as campaign bonuses, when it is ' +
  'credited (pending points included). Points a refund takes back are counted as reversed, and staff ' +
  'adjustments as adjusted; neither is issued.';

/** Points issued, by what they were credited for. */
export const pointsIssuedBreakdownSchema = lazySchema(() =>
  z.object({
    purchases: z.int().check(z.describe('Base points of purchases, on the day of the sale')),
    campaignBonuses: z.int().check(z.describe('Campaign bonuses, on the day they were credited')),
  }),
);

/** A business day's figures (one store's, or their totals). */
export const dailyFiguresShape = () => ({
  purchases: z.int().check(z.describe("Members' sales the tills reported for the day (by the time of sale)")),
  revenue: z
    .int()
    .check(z.describe('What those sales paid, in fen (1 CNY = 100 fen); refunds are not taken off')),
  pointsIssued: z.int().check(z.describe(POINTS_ISSUED)),
  pointsIssuedBreakdown: pointsIssuedBreakdownSchema,
  pointsReversed: z.int().check(z.describe('Points refunds made that day took back')),
});

/** A store's name as staff gave it, beside its id in the reports; absent for a store no longer listed. */
export const storeNameSchema = () =>
  z.string().check(z.describe("The store's name as staff gave it; absent for a store no longer listed"));

/** One store's business day. */
export const dailyStoreSalesSchema = lazySchema(() =>
  z.object({
    day: z.iso.date(),
    storeId: z.string(),
    storeName: z.optional(storeNameSchema()),
    ...dailyFiguresShape(),
  }),
);
export type DailyStoreSales = z.infer<typeof dailyStoreSalesSchema>;
export type DailyFigures = Omit<DailyStoreSales, 'day' | 'storeId' | 'storeName'>;
