import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/**
 * A tier's code, as staff name it in the ladder they save (`bronze`, `vip`, `black-card`): accounts,
 * events, earning rules and campaigns carry it as a string, checked against the saved ladder where staff
 * write it (lib/loyalty/tier-store.ts).
 */
export type TierCode = string;

export const tierCodeSchema = lazySchema(() =>
  z
    .string()
    .check(
      z.regex(
        /^[a-z][a-z0-9-]{0,31}$/,
        'must be a tier code: up to 32 lower-case letters, digits and dashes, starting with a letter',
      ),
      z.describe("A tier's code, as staff name it in the tier ladder (bronze, vip, black-card)"),
    ),
);

/** The ladder a programme starts with, until staff save their own (names, thresholds and benefits). */
export const DEFAULT_TIERS = [
  { code: 'bronze', name: 'Bronze', qualifyingPoints: 0 },
  { code: 'silver', name: 'Silver', qualifyingPoints: 1_000 },
  { code: 'gold', name: 'Gold', qualifyingPoints: 5_000 },
  { code: 'platinum', name: 'Platinum', qualifyingPoints: 20_000 },
] as const;
