import { programmeToday } from '../calendar';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { dailyStoreSalesSchema } from './views';

const dayKey = (day: string) => `ANALYTICS#DAILY#${day}`;

/** Adds one recorded purchase to its store's business day (programme time zone). */
export async function addPurchaseToDailySales(purchase: {
  storeId: string;
  amount: number;
  pointsEarned: number;
  occurredAt: string;
}) {
  const day = programmeToday(new Date(purchase.occurredAt));
  await documents.update({
    TableName: tableNameFromEnv('main'),
    Key: { pk: dayKey(day), sk: `STORE#${purchase.storeId}` },
    UpdateExpression:
      'ADD purchases :one, revenue :amount, pointsIssued :points SET #day = :day, storeId = :store',
    ExpressionAttributeNames: { '#day': 'day' },
    ExpressionAttributeValues: {
      ':one': 1,
      ':amount': purchase.amount,
      ':points': purchase.pointsEarned,
      ':day': day,
      ':store': purchase.storeId,
    },
  });
}

/** Adds reversed points to the store's day of the refund. */
export async function addReversalToDailySales(reversal: { storeId: string; points: number; at: Date }) {
  const day = programmeToday(reversal.at);
  await documents.update({
    TableName: tableNameFromEnv('main'),
    Key: { pk: dayKey(day), sk: `STORE#${reversal.storeId}` },
    UpdateExpression: 'ADD pointsReversed :points SET #day = :day, storeId = :store',
    ExpressionAttributeNames: { '#day': 'day' },
    ExpressionAttributeValues: { ':points': reversal.points, ':day': day, ':store': reversal.storeId },
  });
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
