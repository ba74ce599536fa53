import { documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { strikeKey, type StrikePolicy, type StrikeRecord } from './model';
import { getStrikes, getVenue } from './repository';

/**
 * A member's strikes at a venue: a no-show counts 1, a late cancellation 0.5. Strikes older than the
 * venue's window fall away; when those left reach the policy's number, online booking there is suspended.
 */

const DAY_MS = 24 * 3600_000;
/** Each lost race means another strike of the member was written; a handful at once is already rare. */
const MAX_ATTEMPTS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Strike = StrikeRecord['strikes'][number];

export const STRIKE_WEIGHTS = { 'no-show': 1, 'late-cancellation': 0.5 } as const;

/** Whether a strike still counts at `now`: struck less than `windowDays` ago. */
const counts = (strike: Pick<Strike, 'at'>, policy: StrikePolicy, now: Date) =>
  now.getTime() - Date.parse(strike.at) < policy.windowDays * DAY_MS;

/**
 * The record after a strike: the strike added unless its booking struck already (two events, a replay),
 * strikes out of the window dropped, and a suspension from `now` when the sum reaches the policy's number
 * (an earlier, later-ending suspension stays). `changed` is false when nothing is to be written.
 */
export function strikesAfter(
  record: Pick<StrikeRecord, 'strikes' | 'suspendedUntil'> | undefined,
  strike: Strike,
  policy: StrikePolicy,
  now: Date,
): { strikes: Strike[]; suspendedUntil?: string; changed: boolean } {
  const before = record?.strikes ?? [];
  const suspendedBefore = record?.suspendedUntil;
  if (before.some((earlier) => earlier.bookingId === strike.bookingId) || !counts(strike, policy, now))
    return {
      strikes: before,
      ...(suspendedBefore ? { suspendedUntil: suspendedBefore } : {}),
      changed: false,
    };
  const strikes = [...before, strike]
    .filter((kept) => counts(kept, policy, now))
    .sort((a, b) => a.at.localeCompare(b.at));
  const total = strikes.reduce((sum, kept) => sum + kept.weight, 0);
  let suspendedUntil = suspendedBefore;
  if (total >= policy.strikes) {
    const until = new Date(now.getTime() + policy.suspensionDays * DAY_MS).toISOString();
    if (!suspendedUntil || until > suspendedUntil) suspendedUntil = until;
  }
  return { strikes, ...(suspendedUntil ? { suspendedUntil } : {}), changed: true };
}

/**
 * Records a strike of a member at a venue, once per booking. The record is written on the condition that
 * it is the version read (or still absent), and read again when two strikes of the member race.
 */
export async function recordStrike(
  customerId: string,
  venueId: string,
  strike: Strike,
  now = new Date(),
): Promise<{ recorded: boolean; suspendedUntil?: string }> {
  const venue = await getVenue(venueId);
  if (!venue) return { recorded: false };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const record = await getStrikes(customerId, venueId);
    const after = strikesAfter(record, strike, venue.strikePolicy, now);
    if (!after.changed) return { recorded: false, suspendedUntil: after.suspendedUntil };
    const version = record?.version ?? 0;
    try {
      await documents.put({
        TableName: tableNameFromEnv('main'),
        Item: {
          ...strikeKey(customerId, venueId),
          customerId,
          venueId,
          strikes: after.strikes,
          ...(after.suspendedUntil ? { suspendedUntil: after.suspendedUntil } : {}),
          version: version + 1,
        },
        ConditionExpression: !record
          ? 'attribute_not_exists(pk)'
          : record.version
            ? 'version = :version'
            : 'attribute_exists(pk) AND attribute_not_exists(version)',
        ...(record?.version ? { ExpressionAttributeValues: { ':version': version } } : {}),
      });
      return { recorded: true, suspendedUntil: after.suspendedUntil };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      await sleep(Math.random() * 20 * (attempt + 1));
    }
  }
  throw new Error('The strike record kept changing; the event is retried');
}
