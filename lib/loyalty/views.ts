import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** What a member sees of their points account. */
export const pointsAccountViewSchema = lazySchema(() =>
  z.object({
    customerId: z.string(),
    balance: z.number().check(z.int()),
    pending: z.number().check(z.int()),
    lifetimeEarned: z.number().check(z.int()),
    tier: z.object({ code: z.string(), name: z.string() }),
    memberSince: z.iso.datetime(),
  }),
);
export type PointsAccountView = z.infer<typeof pointsAccountViewSchema>;

/** The account as the member's points page shows it: what expires soon, and how far the next tier is. */
export const pointsAccountSummarySchema = lazySchema(() =>
  z.extend(pointsAccountViewSchema, {
    /** Over the rolling 12 programme months: what the tier is reckoned on. */
    qualifyingPoints: z.number().check(z.int()),
    tier: z.object({ code: z.string(), name: z.string(), benefits: z.array(z.string()) }),
    expiring: z.object({
      within30Days: z.number().check(z.int()),
      within60Days: z.number().check(z.int()),
      within90Days: z.number().check(z.int()),
    }),
    nextTier: z.nullable(
      z.object({ code: z.string(), name: z.string(), qualifyingPoints: z.number().check(z.int()) }),
    ),
    pointsToNextTier: z.nullable(z.number().check(z.int())),
  }),
);
export type PointsAccountSummary = z.infer<typeof pointsAccountSummarySchema>;
