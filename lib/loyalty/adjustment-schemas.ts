import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

export const adjustmentReasonSchema = lazySchema(() =>
  z.enum(['goodwill', 'service-recovery', 'correction', 'fraud', 'migration', 'other']),
);

export const adjustmentResultSchema = lazySchema(() =>
  z.object({
    adjustmentId: z.string(),
    customerId: z.string(),
    points: z.int(),
    balance: z.int(),
  }),
);
export type AdjustmentResult = z.infer<typeof adjustmentResultSchema>;
