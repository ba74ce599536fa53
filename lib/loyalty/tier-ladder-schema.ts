import * as z from '../zod';
import { DEFAULT_TIERS, tierCodeSchema, type TierCode } from './tiers';
import { lazySchema } from '../lazy-schema';

/** The fewest and the most tiers a ladder may have. */
export const LADDER_SIZE = { min: 2, max: 10 } as const;

/**
 * The tier ladder staff configure: 2 to 10 tiers, lowest first, each with its code, name, threshold
 * (rolling 12-month qualifying points) and benefits. The first is the entry tier (0 points).
 */
export const tierLadderSchema = lazySchema(() =>
  z
    .array(
      z.strictObject({
        code: tierCodeSchema,
        name: z.string().check(z.trim(), z.minLength(1), z.maxLength(40), z.describe('As members see it')),
        qualifyingPoints: z
          .int()
          .check(
            z.gte(0),
            z.describe(
              'The threshold: qualifying points over the rolling 12 programme months that reach this tier; 0 for the first, then rising',
            ),
          ),
        benefits: z
          .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(120)))
          .check(z.maxLength(20), z.describe('What the tier gives, as members read it on their points page')),
      }),
    )
    .check(
      z.minLength(LADDER_SIZE.min),
      z.maxLength(LADDER_SIZE.max),
      z.superRefine<{ code: string; qualifyingPoints: number }[]>((ladder, context) => {
        ladder.forEach((tier, index) => {
          if (ladder.findIndex((other) => other.code === tier.code) < index)
            context.addIssue({
              code: 'custom',
              message: 'must differ from the codes before it',
              path: [index, 'code'],
            });
          if (index === 0 && tier.qualifyingPoints !== 0)
            context.addIssue({
              code: 'custom',
              message: 'must be 0: the first tier is where members start',
              path: [0, 'qualifyingPoints'],
            });
          if (index > 0 && tier.qualifyingPoints <= ladder[index - 1]!.qualifyingPoints)
            context.addIssue({
              code: 'custom',
              message: 'must be above the threshold of the tier before it',
              path: [index, 'qualifyingPoints'],
            });
        });
      }),
    ),
);
export type TierLadder = z.infer<typeof tierLadderSchema>;

export const DEFAULT_LADDER: TierLadder = DEFAULT_TIERS.map((tier) => ({ ...tier, benefits: [] }));

/** Where a tier stands in the ladder; a code the ladder no longer has stands below its entry tier (-1). */
export const rankIn = (ladder: TierLadder, code: TierCode) => ladder.findIndex((tier) => tier.code === code);

/** The entry tier: where new members start. */
export const entryTierOf = (ladder: TierLadder) => ladder[0]!;

/** The highest tier of the ladder the points reach. */
export function tierReached(ladder: TierLadder, points: number) {
  return [...ladder].reverse().find((tier) => points >= tier.qualifyingPoints) ?? ladder[0]!;
}
