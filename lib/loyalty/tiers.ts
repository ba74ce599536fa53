/** The default tier ladder; the loyalty-core issue makes it configurable by staff. */
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

export const tierRank = (code: TierCode) => TIERS.findIndex((tier) => tier.code === code);

/** The highest tier whose threshold the qualifying points reach. */
export function tierForQualifyingPoints(points: number): TierCode {
  return [...TIERS].reverse().find((tier) => points >= tier.qualifyingPoints)?.code ?? ENTRY_TIER;
}
