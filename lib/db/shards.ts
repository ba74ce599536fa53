import { createHash } from 'node:crypto';

/**
 * Which of `shards` a key belongs to, the same on every call: writes that would all land on one hot key
 * (one partition takes 1,000 WCU/s) are spread over `<key>#<shard>` by member, and readers query each.
 */
function shardOf(value: string, shards: number): number {
  return createHash('sha256').update(value).digest().readUInt16BE(0) % shards;
}

const suffix = (shard: number) => String(shard).padStart(2, '0');

/** The shard suffixes `00`…, in order, for readers that query every shard of a key. */
export const shardSuffixes = (shards: number) => Array.from({ length: shards }, (_, shard) => suffix(shard));

/** The suffix (`00`…) of the shard a value belongs to. */
export const shardSuffix = (value: string, shards: number) => suffix(shardOf(value, shards));

/** The keys-only schedule index (gsi2) spreads a month's lots and a day's tier reviews over this many keys. */
export const SCHEDULE_INDEX_SHARDS = 16;
