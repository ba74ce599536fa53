import { programmeToday } from '../calendar';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import type { Tally } from '../events/tallies';
import { dailyStoreSalesSchema } from './views';

const dayKey = (day: string) => `ANALYTICS#DAILY#${day}`;

/** What one recorded purchase adds to its store's business day (programme time zone). */
export function purchaseDailySalesTally(purchase: {
  storeId: string;
  amount: number;
  pointsEarned: number;
  occurredAt: string;
}): Tally {
  const day = programmeToday(new Date(purchase.occurredAt));
  return {
    pk: dayKey(day),
    sk: `STORE#${purchase.storeId}`,
    add: { purchases: 1, revenue: purchase.amount, pointsIssued: purchase.pointsEarned },
    set: { day, storeId: purchase.storeId },
  };
}

/** What reversed points add to the store's day of the refund. */
export function reversalDailySalesTally(reversal: { storeId: string; points: number; at: Date }): Tally {
  const day = programmeToday(reversal.at);
  return {
    pk: dayKey(day),
    sk: `STORE#${reversal.storeId}`,
    add: { pointsReversed: reversal.points },
    set: { day, storeId: reversal.storeId },
  };
}

export async function dailySales(day: string) {
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': dayKey(day) },
  });
  const stores = (result.Items ?? []).map((item) =>
    dailyStoreSalesSchema.parse({ purchases: 0, revenue: 0, pointsIssued: 0, pointsReversed: 0, ...item }),
  );
  const sum = (field: 'purchases' | 'revenue' | 'pointsIssued' | 'pointsReversed') =>
    stores.reduce((total, store) => total + store[field], 0);
  return {
    day,
    stores,
    totals: {
      purchases: sum('purchases'),
      revenue: sum('revenue'),
      pointsIssued: sum('pointsIssued'),
      pointsReversed: sum('pointsReversed'),
    },
  };
}
