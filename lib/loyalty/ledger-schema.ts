import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

export const ledgerEntryTypes = [
  'earn',
  'release',
  'redeem',
  'expire',
  'reverse',
  'adjust',
  'cancel',
  'bonus',
] as const;

/**
 * One line of a member's points ledger. `balanceDelta` and `pendingDelta` say exactly how the entry
 * moved the spendable and pending totals, so the ledger always sums to the account.
 */
export const ledgerEntrySchema = lazySchema(() =>
  z.object({
    type: z.enum(ledgerEntryTypes),
    points: z.int(),
    balanceDelta: z.int(),
    pendingDelta: z.int(),
    status: z.optional(z.enum(['available', 'pending'])),
    source: z.record(z.string(), z.string()),
    lot: z.optional(z.object({ bucket: z.string(), expiresAt: z.string() })),
    at: z.string(),
  }),
);
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
export type LedgerEntryType = LedgerEntry['type'];
