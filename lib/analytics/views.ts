import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** One store's business day. */
export const dailyStoreSalesSchema = lazySchema(() =>
  z.object({
    day: z.iso.date(),
    storeId: z.string(),
    purchases: z.int(),
    revenue: z.int().check(z.describe('fen')),
    pointsIssued: z.int(),
    pointsReversed: z.int(),
  }),
);
export type DailyStoreSales = z.infer<typeof dailyStoreSalesSchema>;
