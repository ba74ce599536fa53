import { z } from 'zod';

/** What a member sees of their points account. */
export const pointsAccountViewSchema = z.object({
  customerId: z.string(),
  balance: z.number().int(),
  pending: z.number().int(),
  lifetimeEarned: z.number().int(),
  tier: z.object({ code: z.string(), name: z.string() }),
  memberSince: z.iso.datetime(),
});
export type PointsAccountView = z.infer<typeof pointsAccountViewSchema>;
