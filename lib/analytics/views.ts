import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** One store's business day. */
export const dailyStoreSalesSchema = lazySchema(() =>
  z.object({
    day: z.iso.date(),
    storeId: z.string(),
    purchases: z.number().check(z.int()),
    revenue: z.number().check(z.int(), z.describe('fen')),
    pointsIssued: z.number().check(z.int()),
    pointsReversed: z.number().check(z.int()),
  }),
);
export type DailyStoreSales = z.infer<typeof dailyStoreSalesSchema>;
