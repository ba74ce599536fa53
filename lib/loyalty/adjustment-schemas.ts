import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

export const adjustmentReasonSchema = lazySchema(() =>
  z
    .enum(['goodwill', 'service-recovery', 'correction', 'fraud', 'migration', 'other'])
    .check(
      z.describe(
        'Why, for reports and the audit trail: goodwill, service-recovery (making good a complaint), correction (of a wrong credit or debit), fraud, migration (from an earlier programme), other',
      ),
    ),
);

export const adjustmentResultSchema = lazySchema(() =>
  z.object({
    adjustmentId: z.string(),
    customerId: z.string(),
    points: z.int().check(z.describe('The points added, or removed when negative')),
    balance: z.int().check(z.describe("The member's spendable balance after the adjustment")),
  }),
);
export type AdjustmentResult = z.infer<typeof adjustmentResultSchema>;
