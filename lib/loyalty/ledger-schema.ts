import { z } from 'zod';

/** One line of a member's points ledger as staff and members see it. */
export const ledgerEntrySchema = z.object({
  type: z.enum(['earn', 'reverse', 'release', 'redeem', 'expire', 'adjust', 'cancel']),
  points: z.number().int(),
  status: z.enum(['available', 'pending']).optional(),
  source: z.record(z.string(), z.string()),
  at: z.string(),
});
