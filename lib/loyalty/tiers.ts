/** The tier codes and their defaults; staff configure names, thresholds and benefits (tier-store). */
export const TIERS = [
  { code: 'bronze', name: 'Bronze', qualifyingPoints: 0 },
  { code: 'silver', name: 'Silver', qualifyingPoints: 1_000 },
  { code: 'gold', name: 'Gold', qualifyingPoints: 5_000 },
  { code: 'platinum', name: 'Platinum', qualifyingPoints: 20_000 },
] as const;

export type TierCode = (typeof TIERS)[number]['code'];
export const ENTRY_TIER: TierCode = 'bronze';

export function tierByCode(code: TierCode) {
  const tier = TIERS.find((candidate) => candidate.code === code);
  if (!tier) throw new Error(`Unknown tier ${code}`);
  return tier;
}
