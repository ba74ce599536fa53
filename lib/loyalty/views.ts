import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** What a member sees of their points account. */
export const pointsAccountViewSchema = lazySchema(() =>
  z.object({
    customerId: z.string(),
    balance: z.int().check(z.describe('Points the member can spend now')),
    pending: z
      .int()
      .check(
        z.describe(
          "Points earned but not spendable yet: they wait out the earning rules' lockDays (a return window)",
        ),
      ),
    lifetimeEarned: z
      .int()
      .check(z.describe('Every point ever credited, for purchases and as campaign bonuses')),
    tier: z.object({ code: z.string(), name: z.string() }),
    memberSince: z.iso.datetime().check(z.describe("When the member's points account was opened")),
  }),
);
export type PointsAccountView = z.infer<typeof pointsAccountViewSchema>;

/** The account as the member's points page shows it: what expires soon, and how far the next tier is. */
export const pointsAccountSummarySchema = lazySchema(() =>
  z.extend(pointsAccountViewSchema, {
    qualifyingPoints: z
      .int()
      .check(
        z.describe(
          'Points earned by purchases over the rolling 12 programme months, this one included: what the tier is reckoned on',
        ),
      ),
    tier: z
      .object({ code: z.string(), name: z.string(), benefits: z.array(z.string()) })
      .check(z.describe("The member's tier, as the tier ladder names it, with its benefits")),
    expiring: z
      .object({
        within30Days: z.int(),
        within60Days: z.int(),
        within90Days: z.int(),
      })
      .check(
        z.describe(
          'Available points expiring within 30, 60 and 90 days from now (each includes the shorter)',
        ),
      ),
    nextTier: z
      .nullable(z.object({ code: z.string(), name: z.string(), qualifyingPoints: z.int() }))
      .check(
        z.describe('The tier above, with its threshold of qualifying points; null at the top of the ladder'),
      ),
    pointsToNextTier: z
      .nullable(z.int())
      .check(z.describe('Qualifying points still needed for the next tier; null at the top of the ladder')),
  }),
);
export type PointsAccountSummary = z.infer<typeof pointsAccountSummarySchema>;
