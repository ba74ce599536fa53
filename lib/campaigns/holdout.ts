import { createHash } from 'node:crypto';

/** The assignment's resolution: hundredths of a per cent, so that a one-decimal holdout is exact. */
const BUCKETS = 10_000;

/**
 * Whether a member is in a campaign's control group: the first four bytes of SHA-256(`campaign:member`)
 * as an unsigned integer, modulo 10,000, fall below the holdout's hundredths of a per cent. The same pair
 * always lands alike (replays, every trigger, the dry run), and one campaign's group says nothing of
 * another's.
 */
export function isHeldOut(campaignId: string, customerId: string, percent: number | undefined): boolean {
  if (!percent || percent <= 0) return false;
  return holdoutBucket(campaignId, customerId) < Math.round(percent * 100);
}

/** The member's bucket in the campaign, 0 to 9,999. */
export function holdoutBucket(campaignId: string, customerId: string): number {
  return createHash('sha256').update(`${campaignId}:${customerId}`).digest().readUInt32BE(0) % BUCKETS;
}
