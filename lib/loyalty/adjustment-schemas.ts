import * as z from 'zod';

export const adjustmentReasonSchema = z.enum([
  'goodwill',
  'service-recovery',
  'correction',
  'fraud',
  'migration',
  'other',
]);

export const adjustmentResultSchema = z.object({
  adjustmentId: z.string(),
  customerId: z.string(),
  points: z.number().int(),
  balance: z.number().int(),
});
export type AdjustmentResult = z.infer<typeof adjustmentResultSchema>;
