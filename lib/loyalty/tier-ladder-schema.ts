import * as z from '../zod';
import { TIERS, type TierCode } from './tiers';
import { lazySchema } from '../lazy-schema';

const tierCodeSchema = lazySchema(() => z.enum(TIERS.map((tier) => tier.code) as [TierCode, ...TierCode[]]));

/** The tier ladder staff configure: names, thresholds (rolling 12-month qualifying points) and benefits. */
export const tierLadderSchema = lazySchema(() =>
  z
    .array(
      z.strictObject({
        code: tierCodeSchema,
        name: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
        qualifyingPoints: z.int().check(z.gte(0)),
        benefits: z
          .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(120)))
          .check(z.maxLength(20)),
      }),
    )
    .check(
      z.length(TIERS.length),
      z.refine(
        (ladder) => ladder.every((tier, index) => tier.code === TIERS[index]!.code),
        'list the tiers in order: bronze, silver, gold, platinum',
      ),
      z.refine((ladder) => ladder[0]!.qualifyingPoints === 0, 'the entry tier needs 0 points'),
      z.refine(
        (ladder) =>
          ladder.every(
            (tier, index) => index === 0 || tier.qualifyingPoints > ladder[index - 1]!.qualifyingPoints,
          ),
        'thresholds must rise',
      ),
    ),
);
export type TierLadder = z.infer<typeof tierLadderSchema>;

export const DEFAULT_LADDER: TierLadder = TIERS.map((tier) => ({ ...tier, benefits: [] }));

export const rankIn = (ladder: TierLadder, code: TierCode) => ladder.findIndex((tier) => tier.code === code);

/** The highest tier of the ladder the points reach. */
export function tierReached(ladder: TierLadder, points: number) {
  return [...ladder].reverse().find((tier) => points >= tier.qualifyingPoints) ?? ladder[0]!;
}
