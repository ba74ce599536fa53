import { programmeToday } from '../calendar';
import { queryAll } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import type { Tally } from '../events/tallies';
import { dailyStoreSalesSchema, type DailyStoreSales } from './views';

const dayKey = (day: string) => `ANALYTICS#DAILY#${day}`;
/** Counting batches run side by side: each adds to one of these items per store, so they seldom meet. */
const SHARDS = 8;
const FIGURES = ['purchases', 'revenue', 'pointsIssued', 'pointsReversed'] as const;
const NONE_SOLD = { purchases: 0, revenue: 0, pointsIssued: 0, pointsReversed: 0 };

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
    const part = dailyStoreSalesSchema.parse({ ...NONE_SOLD, ...item });
    const store = byStore.get(part.storeId);
    if (!store) byStore.set(part.storeId, part);
    else for (const field of FIGURES) store[field] += part[field];
  }
  const stores = [...byStore.values()].sort((a, b) => a.storeId.localeCompare(b.storeId));
  const totals = { ...NONE_SOLD };
  for (const store of stores) for (const field of FIGURES) totals[field] += store[field];
  return { day, stores, totals };
}
