import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** What a member sees of their points account. */
export const pointsAccountViewSchema = lazySchema(() =>
  z.object({
    customerId: z.string(),
    balance: z.int(),
    pending: z.int(),
    lifetimeEarned: z.int(),
    tier: z.object({ code: z.string(), name: z.string() }),
    memberSince: z.iso.datetime(),
  }),
);
export type PointsAccountView = z.infer<typeof pointsAccountViewSchema>;

/** The account as the member's points page shows it: what expires soon, and how far the next tier is. */
export const pointsAccountSummarySchema = lazySchema(() =>
  z.extend(pointsAccountViewSchema, {
    /** Over the rolling 12 programme months: what the tier is reckoned on. */
    qualifyingPoints: z.int(),
    tier: z.object({ code: z.string(), name: z.string(), benefits: z.array(z.string()) }),
    expiring: z.object({
      within30Days: z.int(),
      within60Days: z.int(),
      within90Days: z.int(),
    }),
    nextTier: z.nullable(z.object({ code: z.string(), name: z.string(), qualifyingPoints: z.int() })),
    pointsToNextTier: z.nullable(z.int()),
  }),
);
export type PointsAccountSummary = z.infer<typeof pointsAccountSummarySchema>;
