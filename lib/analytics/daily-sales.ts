import { programmeToday } from '../calendar';
import { queryAll } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import type { Tally } from '../events/tallies';
import { dailyStoreSalesSchema, type DailyStoreSales } from './views';

const dayKey = (day: string) => `ANALYTICS#DAILY#${day}`;
/** Counting batches run side by side: each adds to one of these items per store, so they seldom meet. */
const SHARDS = 8;

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
    shards: SHARDS,
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
    shards: SHARDS,
  };
}

export async function dailySales(day: string) {
  const items = await queryAll({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': dayKey(day) },
  });
  // A store's day is spread over shards (STORE#<store>#<n>; before shards, one STORE#<store> item).
  const byStore = new Map<string, DailyStoreSales>();
  for (const item of items) {
    const part = dailyStoreSalesSchema.parse({
      purchases: 0,
      revenue: 0,
      pointsIssued: 0,
      pointsReversed: 0,
      ...item,
    });
    const store = byStore.get(part.storeId);
    byStore.set(
      part.storeId,
      store
        ? {
            ...store,
            purchases: store.purchases + part.purchases,
            revenue: store.revenue + part.revenue,
            pointsIssued: store.pointsIssued + part.pointsIssued,
            pointsReversed: store.pointsReversed + part.pointsReversed,
          }
        : part,
    );
  }
  const stores = [...byStore.values()].sort((a, b) => a.storeId.localeCompare(b.storeId));
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
