import * as z from 'zod';
import { lazySchema } from '../lazy-schema';

/** One store's business day. */
export const dailyStoreSalesSchema = lazySchema(() =>
  z.object({
    day: z.iso.date(),
    storeId: z.string(),
    purchases: z.number().int(),
    revenue: z.number().int().describe('fen'),
    pointsIssued: z.number().int(),
    pointsReversed: z.number().int(),
  }),
);
export type DailyStoreSales = z.infer<typeof dailyStoreSalesSchema>;
