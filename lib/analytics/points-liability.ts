import { randomInt } from 'node:crypto';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';

const PK = 'ANALYTICS#LIABILITY';
/** Every points event touches the totals: spread over shards so no single item takes them all (1,000 WCU/s each). */
const TOTAL_SHARDS = 10;

export type Movement = 'issued' | 'reversed' | 'redeemed' | 'expired' | 'adjusted';

/** Adds a points movement to the liability totals (and to its store of issue, for issues and reversals). */
export async function recordPointsMovement(movement: Movement, points: number, storeId?: string) {
  // Outstanding points go up with issues and adjustments, down with everything else.
  const outstanding = movement === 'issued' || movement === 'adjusted' ? points : -points;
  const add = (sk: string, values: Record<string, number>) =>
    documents.update({
      TableName: tableNameFromEnv('main'),
      Key: { pk: PK, sk },
      UpdateExpression: `ADD ${Object.keys(values)
        .map((name) => `#${name} :${name}`)
        .join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(Object.keys(values).map((name) => [`#${name}`, name])),
      ExpressionAttributeValues: Object.fromEntries(
        Object.entries(values).map(([name, value]) => [`:${name}`, value]),
      ),
    });
  await add(`TOTAL#${randomInt(TOTAL_SHARDS)}`, { outstanding, [movement]: points });
  if (storeId && (movement === 'issued' || movement === 'reversed'))
    await add(`STORE#${storeId}`, { [movement]: points });
}

/** Points outstanding (available plus pending) and their value at `pointValueFen`, overall and per store of issue. */
export async function pointsLiability(pointValueFen: number) {
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': PK },
  });
  const items = result.Items ?? [];
  const sum = (field: string) =>
    items
      .filter((item) => String(item.sk).startsWith('TOTAL#'))
      .reduce((total, item) => total + Number(item[field] ?? 0), 0);
  const outstandingPoints = sum('outstanding');
  const byStoreOfIssue = items
    .filter((item) => String(item.sk).startsWith('STORE#'))
    .map((item) => {
      const issued = Number(item.issued ?? 0);
      const reversed = Number(item.reversed ?? 0);
      return {
        storeId: String(item.sk).slice('STORE#'.length),
        issued,
        reversed,
        netIssued: issued - reversed,
        netIssuedValueFen: (issued - reversed) * pointValueFen,
      };
    })
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
