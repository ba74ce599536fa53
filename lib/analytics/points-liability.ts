import { randomInt } from 'node:crypto';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';

const PK = 'ANALYTICS#LIABILITY';
/** Every points event touches the totals: spread over shards so no single item takes them all (1,000 WCU/s each). */
const SHARDS = 10;

export type Movement = 'issued' | 'reversed' | 'redeemed' | 'expired' | 'adjusted';

/**
 * Adds a points movement to the liability totals. Each movement is one ADD to one item (a store's shard
 * for issues and reversals, which count per store of issue; a total shard otherwise), so a retry after
 * a failure can never count part of a movement twice.
 */
export async function recordPointsMovement(movement: Movement, points: number, storeId?: string) {
  // Outstanding points go up with issues and adjustments, down with everything else.
  const outstanding = movement === 'issued' || movement === 'adjusted' ? points : -points;
  const ofStore = storeId !== undefined && (movement === 'issued' || movement === 'reversed');
  await documents.update({
    TableName: tableNameFromEnv('main'),
    Key: { pk: PK, sk: ofStore ? `STORE#${storeId}#${randomInt(SHARDS)}` : `TOTAL#${randomInt(SHARDS)}` },
    UpdateExpression: 'ADD outstanding :outstanding, #movement :points',
    ExpressionAttributeNames: { '#movement': movement },
    ExpressionAttributeValues: { ':outstanding': outstanding, ':points': points },
  });
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
