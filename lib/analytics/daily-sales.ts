import { programmeToday } from '../calendar';
import { queryAll } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import type { Tally } from '../events/tallies';
import type { DailyFigures, DailyStoreSales } from './views';

const dayKey = (day: string) => `ANALYTICS#DAILY#${day}`;
/** Counting batches run side by side: each adds to one of these items per store, so they seldom meet. */
const SHARDS = 8;
/** The item of a day's campaign bonuses that no store's sale triggered (registration, birthday, blasts). */
const WITHOUT_STORE = 'PROGRAMME';

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
    add: { purchases: 1, revenue: purchase.amount, purchasePoints: purchase.pointsEarned },
    set: { day, storeId: purchase.storeId },
    shards: SHARDS,
  };
}

/** What a campaign bonus adds to the day it was credited: its store's, when a sale triggered it. */
export function campaignBonusDailySalesTally(bonus: {
  storeId?: string;
  points: number;
  earnedAt: string;
}): Tally {
  const day = programmeToday(new Date(bonus.earnedAt));
  return {
    pk: dayKey(day),
    sk: bonus.storeId === undefined ? WITHOUT_STORE : `STORE#${bonus.storeId}`,
    add: { bonusPoints: bonus.points },
    set: bonus.storeId === undefined ? { day } : { day, storeId: bonus.storeId },
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

const noFigures = (): DailyFigures => ({
  purchases: 0,
  revenue: 0,
  pointsIssued: 0,
  pointsIssuedBreakdown: { purchases: 0, campaignBonuses: 0 },
  pointsReversed: 0,
});

/** Adds one set of figures into another. */
function addInto(total: DailyFigures, part: DailyFigures) {
  total.purchases += part.purchases;
  total.revenue += part.revenue;
  total.pointsIssued += part.pointsIssued;
  total.pointsIssuedBreakdown.purchases += part.pointsIssuedBreakdown.purchases;
  total.pointsIssuedBreakdown.campaignBonuses += part.pointsIssuedBreakdown.campaignBonuses;
  total.pointsReversed += part.pointsReversed;
}

/** The figures a counter item holds. Items from before campaign bonuses kept purchase points as `pointsIssued`. */
function figuresOf(item: Record<string, unknown>): DailyFigures {
  const count = (name: string) => Number(item[name] ?? 0);
  const purchasePoints = count('purchasePoints') + count('pointsIssued');
  const campaignBonuses = count('bonusPoints');
  return {
    purchases: count('purchases'),
    revenue: count('revenue'),
    pointsIssued: purchasePoints + campaignBonuses,
    pointsIssuedBreakdown: { purchases: purchasePoints, campaignBonuses },
    pointsReversed: count('pointsReversed'),
  };
}

/** The totals of some stores' days, and of the bonuses no store's sale triggered when given. */
export function dailyTotals(stores: DailyFigures[], campaignBonusesWithoutStore = 0): DailyFigures {
  const totals = noFigures();
  for (const store of stores) addInto(totals, store);
  totals.pointsIssued += campaignBonusesWithoutStore;
  totals.pointsIssuedBreakdown.campaignBonuses += campaignBonusesWithoutStore;
  return totals;
}

export async function dailySales(day: string) {
  const items = await queryAll({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': dayKey(day) },
  });
  // A store's day is spread over shards (STORE#<store>#<n>; before shards, one STORE#<store> item).
  const byStore = new Map<string, DailyStoreSales>();
  let campaignBonusesWithoutStore = 0;
  for (const item of items) {
    const figures = figuresOf(item);
    if (String(item.sk).startsWith(WITHOUT_STORE)) {
      campaignBonusesWithoutStore += figures.pointsIssuedBreakdown.campaignBonuses;
      continue;
    }
    const storeId = String(item.storeId);
    const store = byStore.get(storeId);
    if (store) addInto(store, figures);
    else byStore.set(storeId, { day, storeId, ...figures });
  }
  const stores = [...byStore.values()].sort((a, b) => a.storeId.localeCompare(b.storeId));
  return {
    day,
    stores,
    campaignBonusesWithoutStore,
    totals: dailyTotals(stores, campaignBonusesWithoutStore),
  };
}
