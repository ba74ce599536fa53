import * as z from '../zod';
import { SPEND_MONTHS_KEPT } from '../loyalty/account-months';
import { tierCodeSchema } from '../loyalty/tiers';
import { lazySchema } from '../lazy-schema';

// Browser-safe (zod and constants only): the console's campaign builder validates with it.

/** A rule segment: filters over profile and loyalty facts; every given rule must hold. */
export const segmentSchema = lazySchema(() =>
  z.strictObject({
    tiers: z.optional(
      z.array(tierCodeSchema).check(z.minLength(1), z.describe('Members of one of these tiers')),
    ),
    minBalance: z.optional(
      z.int().check(z.gte(0), z.describe('Members with at least this spendable balance')),
    ),
    maxBalance: z.optional(
      z.int().check(z.gte(0), z.describe('Members with at most this spendable balance')),
    ),
    birthdayMonth: z.optional(
      z.int().check(z.gte(1), z.lte(12), z.describe('Members born in this month, 1 to 12')),
    ),
    purchasedWithinDays: z.optional(
      z.int().check(z.positive(), z.describe('Members who bought something within this many days')),
    ),
    notPurchasedForDays: z.optional(
      z
        .int()
        .check(z.positive(), z.describe('Members who bought nothing for at least this many days (or never)')),
    ),
    minSpend: z.optional(
      z
        .strictObject({
          amount: z.int().check(z.positive(), z.describe('In fen')),
          months: z
            .int()
            .check(
              z.gte(1),
              z.lte(SPEND_MONTHS_KEPT),
              z.describe('Programme months counted back, this one included'),
            ),
        })
        .check(
          z.describe(
            'Members who spent at least `amount` fen over the last `months` programme months, this one included',
          ),
        ),
    ),
    visitedStores: z.optional(
      z
        .array(z.string().check(z.minLength(1)))
        .check(
          z.minLength(1),
          z.maxLength(500),
          z.describe('Members who bought at one of these stores at least once'),
        ),
    ),
  }),
);
export type Segment = z.infer<typeof segmentSchema>;
