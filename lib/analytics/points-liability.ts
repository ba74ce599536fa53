import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import type { Tally } from '../events/tallies';

const PK = 'ANALYTICS#LIABILITY';
/** Every points event touches the totals: spread over shards so no single item takes them all (1,000 WCU/s each). */
const SHARDS = 10;

export type Movement = 'issued' | 'reversed' | 'redeemed' | 'expired' | 'adjusted';

/**
 * What a points movement adds to the liability totals: one item (a store's for issues and reversals,
 * which count per store of issue; the totals' otherwise), spread over shards.
 */
export function pointsMovementTally(movement: Movement, points: number, storeId?: string): Tally {
  // Outstanding points go up with issues and adjustments, down with everything else.
  const outstanding = movement === 'issued' || movement === 'adjusted' ? points : -points;
  const ofStore = storeId !== undefined && (movement === 'issued' || movement === 'reversed');
  return {
    pk: PK,
    sk: ofStore ? `STORE#${storeId}` : 'TOTAL',
    add: { outstanding, [movement]: points },
    shards: SHARDS,
  };
}

/** Points outstanding (available plus pending) and their value at `pointValueFen`, overall and per store of issue. */
export async function pointsLiability(pointValueFen: number) {
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': PK },
  });
  const items = result.Items ?? [];
  // Every item holds its movements' outstanding points; store items (STORE#<store>#<shard>) also tell
  // the store of issue. Items from before store shards (STORE#<store>, counted again on TOTAL#) hold no
  // outstanding points and their movements are in the totals already.
  const legacyStoreItem = (sk: string) => sk.startsWith('STORE#') && sk.split('#').length === 2;
  const sum = (field: string) =>
    items
      .filter((item) => !legacyStoreItem(String(item.sk)))
      .reduce((total, item) => total + Number(item[field] ?? 0), 0);
  const outstandingPoints = sum('outstanding');
  const stores = new Map<string, { issued: number; reversed: number }>();
  for (const item of items.filter((candidate) => String(candidate.sk).startsWith('STORE#'))) {
    const storeId = String(item.sk).split('#')[1]!;
    const store = stores.get(storeId) ?? { issued: 0, reversed: 0 };
    store.issued += Number(item.issued ?? 0);
    store.reversed += Number(item.reversed ?? 0);
    stores.set(storeId, store);
  }
  const byStoreOfIssue = [...stores]
    .map(([storeId, { issued, reversed }]) => ({
      storeId,
      issued,
      reversed,
      netIssued: issued - reversed,
      netIssuedValueFen: (issued - reversed) * pointValueFen,
    }))
    .sort((a, b) => a.storeId.localeCompare(b.storeId));
  return {
    pointValueFen,
    outstandingPoints,
    outstandingValueFen: outstandingPoints * pointValueFen,
    movements: {
      issued: sum('issued'),
      reversed: sum('reversed'),
      redeemed: sum('redeemed'),
      expired: sum('expired'),
      adjusted: sum('adjusted'),
    },
    byStoreOfIssue,
  };
}
