/**
 * The ledger's side of the reconciliation: the points moved by every ledger entry of a period, summed per
 * business day by the kind of movement the archive's events name.
 *
 * The ledger is the source of truth and has no index by time across members, so it is read whole with a
 * parallel Scan (entries in members' partitions, `LEDGER#…`, and purchases' earn entries, kept on their
 * purchase records as `ledgerEntry`). That reads every item of the main table once: it is a job for a
 * quiet hour (about 1 RCU per 8 KB read, eventually consistent), not for a dashboard.
 */
import { programmeToday } from '../../calendar';
import { documents } from '../../db/client';
import { tableNameFromEnv } from '../../db/tables';
import { ledgerEntrySchema, type LedgerEntry } from '../../loyalty/ledger-schema';

/** The movements the archive's events and the ledger both count, as the points report names them. */
export const MOVEMENTS = [
  'issued',
  'redeemed',
  'redemptions_cancelled',
  'expired',
  'reversed',
  'adjusted',
] as const;
export type Movement = (typeof MOVEMENTS)[number];
export type MovementSums = Record<Movement, number>;

export const noMovements = (): MovementSums => ({
  issued: 0,
  redeemed: 0,
  redemptions_cancelled: 0,
  expired: 0,
  reversed: 0,
  adjusted: 0,
});

/**
 * What a ledger entry counts as, with the points as the report counts them (positive, except adjustments,
 * which keep their sign). A release moves pending points to the balance: nothing is issued again.
 */
export function movementOf(
  entry: Pick<LedgerEntry, 'type' | 'points'>,
): { movement: Movement; points: number } | undefined {
  switch (entry.type) {
    case 'earn':
    case 'bonus':
      return { movement: 'issued', points: entry.points };
    case 'redeem':
      return { movement: 'redeemed', points: Math.abs(entry.points) };
    case 'cancel':
      return { movement: 'redemptions_cancelled', points: Math.abs(entry.points) };
    case 'expire':
      return { movement: 'expired', points: Math.abs(entry.points) };
    case 'reverse':
      return { movement: 'reversed', points: Math.abs(entry.points) };
    case 'adjust':
      return { movement: 'adjusted', points: entry.points };
    case 'release':
      return undefined;
  }
}

/** Adds an entry to the sums of its business day, when that day is within the period. */
export function addToDay(
  days: Map<string, MovementSums>,
  entry: Pick<LedgerEntry, 'type' | 'points' | 'at'>,
  period: { from: string; to: string },
) {
  const moved = movementOf(entry);
  if (!moved) return;
  const day = programmeToday(new Date(entry.at));
  if (day < period.from || day > period.to) return;
  const sums = days.get(day) ?? noMovements();
  sums[moved.movement] += moved.points;
  days.set(day, sums);
}

/** The ledger entries in one scanned item: its own, or the earn entry its purchase record keeps. */
export function ledgerEntriesOf(item: Record<string, unknown>): LedgerEntry[] {
  if (typeof item.sk === 'string' && item.sk.startsWith('LEDGER#')) return [ledgerEntrySchema.parse(item)];
  if (item.ledgerEntry && typeof item.pk === 'string' && item.pk.startsWith('POSTX#'))
    return [ledgerEntrySchema.parse(item.ledgerEntry)];
  return [];
}

/** The ledger's movements per business day of the period, read with `segments` scans at once. */
export async function ledgerSumsByDay(
  period: { from: string; to: string },
  segments = 4,
): Promise<Map<string, MovementSums>> {
  const days = new Map<string, MovementSums>();
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.scan({
          TableName: tableNameFromEnv('main'),
          Segment: segment,
          TotalSegments: segments,
          FilterExpression: 'begins_with(sk, :ledger) OR attribute_exists(ledgerEntry)',
          ExpressionAttributeValues: { ':ledger': 'LEDGER#' },
          ExclusiveStartKey,
        });
        for (const item of page.Items ?? [])
          for (const entry of ledgerEntriesOf(item)) addToDay(days, entry, period);
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }),
  );
  return days;
}
