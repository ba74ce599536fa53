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
    type: z
      .enum(ledgerEntryTypes)
      .check(
        z.describe(
          'earn: points for a purchase; release: pending points become spendable; redeem: points spent on a reward; ' +
            "expire: points reached their lot's expiry; reverse: points taken back for a refund (or a campaign bonus " +
            'of a refunded sale); adjust: added or removed by staff; cancel: points of a cancelled redemption ' +
            'returned; bonus: a campaign bonus',
        ),
      ),
    points: z.int().check(z.describe('The points of the entry, negative when they leave the account')),
    balanceDelta: z.int().check(z.describe('How the entry moved the spendable balance')),
    pendingDelta: z.int().check(z.describe('How the entry moved the pending points')),
    status: z.optional(
      z
        .enum(['available', 'pending'])
        .check(z.describe('Of an earn entry: whether its points were spendable at once or pending')),
    ),
    source: z
      .record(z.string(), z.string())
      .check(
        z.describe(
          'What the entry came from: `kind` (purchase, refund, redemption, campaign, campaign-refund, adjustment, expiry) and its ids, such as storeId and transactionId',
        ),
      ),
    lot: z.optional(
      z
        .object({
          bucket: z.string().check(z.describe('YYYY-MM for a month end, YYYY-MM-DD for a day, or never')),
          expiresAt: z.string().check(z.describe('When the points expire (exclusive), UTC')),
        })
        .check(
          z.describe("The lot the earned points went into: all of a member's points that expire together"),
        ),
    ),
    at: z.string().check(z.describe('When the entry was made, UTC')),
  }),
);
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
export type LedgerEntryType = LedgerEntry['type'];
