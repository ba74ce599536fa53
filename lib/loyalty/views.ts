import * as z from 'zod';
import { lazySchema } from '../lazy-schema';

/** What a member sees of their points account. */
export const pointsAccountViewSchema = lazySchema(() =>
  z.object({
    customerId: z.string(),
    balance: z.number().int(),
    pending: z.number().int(),
    lifetimeEarned: z.number().int(),
    tier: z.object({ code: z.string(), name: z.string() }),
    memberSince: z.iso.datetime(),
  }),
);
export type PointsAccountView = z.infer<typeof pointsAccountViewSchema>;

/** The account as the member's points page shows it: what expires soon, and how far the next tier is. */
export const pointsAccountSummarySchema = lazySchema(() =>
  pointsAccountViewSchema.extend({
    /** Over the rolling 12 programme months: what the tier is reckoned on. */
    qualifyingPoints: z.number().int(),
    tier: z.object({ code: z.string(), name: z.string(), benefits: z.array(z.string()) }),
    expiring: z.object({
      within30Days: z.number().int(),
      within60Days: z.number().int(),
      within90Days: z.number().int(),
    }),
    nextTier: z.object({ code: z.string(), name: z.string(), qualifyingPoints: z.number().int() }).nullable(),
    pointsToNextTier: z.number().int().nullable(),
  }),
);
export type PointsAccountSummary = z.infer<typeof pointsAccountSummarySchema>;
