import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import type { Tally } from '../events/tallies';
import type { TierLadder } from '../loyalty/tier-ladder-schema';

const PK = 'ANALYTICS#TIERS';
/** Registrations and promotions of a busy day spread over these items per tier. */
const SHARDS = 4;

const membersOfTier = (tier: string, members: number): Tally => ({
  pk: PK,
  sk: `TIER#${tier}`,
  add: { members },
  set: { tier },
  shards: SHARDS,
});

/** A new member starts in the entry tier of the ladder their points account opened with. */
export const memberJoinedTally = (entryTier: string): Tally[] => [membersOfTier(entryTier, 1)];

/** A tier change moves one member from one tier's count to the other's. */
export const tierChangedTallies = (change: { from: string; to: string }): Tally[] => [
  membersOfTier(change.from, -1),
  membersOfTier(change.to, 1),
];

/**
 * Members per tier from the counters, in the ladder's order (with its names); codes a newer ladder
 * dropped but members still hold follow, named by their code.
 */
export async function membersByTier(ladder: TierLadder) {
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': PK },
  });
  const counts = new Map<string, number>();
  for (const item of result.Items ?? []) {
    const tier = String(item.tier);
    counts.set(tier, (counts.get(tier) ?? 0) + Number(item.members ?? 0));
  }
  const tiers = ladder.map((tier) => ({
    code: tier.code,
    name: tier.name,
    inLadder: true,
    members: counts.get(tier.code) ?? 0,
  }));
  const dropped = [...counts]
    .filter(([code, members]) => members !== 0 && !ladder.some((tier) => tier.code === code))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, members]) => ({ code, name: code, inLadder: false, members }));
  const all = [...tiers, ...dropped];
  return { tiers: all, totalMembers: all.reduce((sum, tier) => sum + tier.members, 0) };
}
