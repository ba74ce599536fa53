import * as z from '../zod';
import { documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { entryTierOf, rollingQualifyingPointsIn, tierHeld, tierLadder } from './tier-store';
import { tierCodeSchema } from './tiers';
import { lotBalanceOf } from './lot-store';
import { pointsExpiringWithin } from './lots';
import type { PointsAccountSummary, PointsAccountView } from './views';
import { lazySchema } from '../lazy-schema';

export const pointsAccountKey = (customerId: string) => ({
  pk: `CUSTOMER#${customerId}`,
  sk: 'LOYALTY#ACCOUNT',
});

const accountItemSchema = lazySchema(() =>
  z.object({
    customerId: z.string(),
    balance: z.int(),
    pending: z.int(),
    lifetimeEarned: z.int(),
    qualifyingPoints: z.int(),
    qualifyingByMonth: z.optional(z.record(z.string(), z.number())),
    tier: tierCodeSchema,
    openedAt: z.string(),
    version: z.int(),
  }),
);

/**
 * Opens the member's points account at zero in the entry tier of the saved ladder. Conditional on
 * absence, so a redelivered CustomerRegistered event can never reset a balance or create a second account.
 */
export async function openPointsAccount(
  customerId: string,
  now = new Date(),
): Promise<'opened' | 'already-open'> {
  const entryTier = entryTierOf(await tierLadder()).code;
  try {
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: {
        ...pointsAccountKey(customerId),
        customerId,
        balance: 0,
        pending: 0,
        lifetimeEarned: 0,
        qualifyingPoints: 0,
        qualifyingByMonth: {},
        purchaseCount: 0,
        spendByMonth: {},
        tier: entryTier,
        openedAt: now.toISOString(),
        version: 0,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    return 'opened';
  } catch (error) {
    if (isConditionFailure(error)) return 'already-open';
    throw error;
  }
}

export async function getPointsAccount(customerId: string): Promise<PointsAccountView | undefined> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: pointsAccountKey(customerId),
  });
  if (!Item) return undefined;
  const account = accountItemSchema.parse(Item);
  const { tier } = tierHeld(await tierLadder(), account.tier);
  return {
    customerId: account.customerId,
    balance: account.balance,
    pending: account.pending,
    lifetimeEarned: account.lifetimeEarned,
    tier: { code: tier.code, name: tier.name },
    memberSince: account.openedAt,
  };
}

/**
 * The account and its lots in one strongly consistent query: in the member's partition the lots
 * (`LOT#<bucket>`) sort just before the account (`LOYALTY#ACCOUNT`), so one range holds them all — one
 * call and one read unit where a get and a query took two calls and 1.5 units.
 */
async function readAccountWithLots(customerId: string) {
  const { pk, sk: accountSk } = pointsAccountKey(customerId);
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.query({
      TableName: tableNameFromEnv('main'),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :firstLot AND :account',
      ExpressionAttributeValues: { ':pk': pk, ':firstLot': 'LOT#', ':account': accountSk },
      ConsistentRead: true,
      ExclusiveStartKey: startKey,
    });
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return {
    Item: items.find((item) => item.sk === accountSk),
    lots: items.filter((item) => String(item.sk).startsWith('LOT#')).map(lotBalanceOf),
  };
}

/** The member's points page: the account, points expiring in 30/60/90 days, and the next tier. */
export async function getPointsAccountSummary(
  customerId: string,
  now = new Date(),
): Promise<PointsAccountSummary | undefined> {
  const [{ Item, lots }, ladder] = await Promise.all([readAccountWithLots(customerId), tierLadder()]);
  if (!Item) return undefined;
  const account = accountItemSchema.parse(Item);
  const qualifying = rollingQualifyingPointsIn(account.qualifyingByMonth, now);
  const { rank, tier } = tierHeld(ladder, account.tier);
  const next = ladder[rank + 1];
  return {
    customerId: account.customerId,
    balance: account.balance,
    pending: account.pending,
    lifetimeEarned: account.lifetimeEarned,
    qualifyingPoints: qualifying,
    tier: { code: tier.code, name: tier.name, benefits: tier.benefits },
    memberSince: account.openedAt,
    expiring: {
      within30Days: pointsExpiringWithin(lots, now, 30),
      within60Days: pointsExpiringWithin(lots, now, 60),
      within90Days: pointsExpiringWithin(lots, now, 90),
    },
    nextTier: next ? { code: next.code, name: next.name, qualifyingPoints: next.qualifyingPoints } : null,
    pointsToNextTier: next ? Math.max(0, next.qualifyingPoints - qualifying) : null,
  };
}
