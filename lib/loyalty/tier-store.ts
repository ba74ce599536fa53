import { programmeToday } from '../calendar';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { DEFAULT_LADDER, tierLadderSchema, type TierLadder } from './tier-ladder-schema';

export { DEFAULT_LADDER, rankIn, tierReached } from './tier-ladder-schema';

const CONFIG_KEY = { pk: 'CONFIG', sk: 'TIERS' };
const CACHE_MS = 30_000;
let cache: { ladder: TierLadder; at: number } | undefined;

export async function tierLadder(): Promise<TierLadder> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.ladder;
  const { Item } = await documents.get({ TableName: tableNameFromEnv('main'), Key: CONFIG_KEY });
  const ladder = Item ? tierLadderSchema.parse(Item.ladder) : DEFAULT_LADDER;
  cache = { ladder, at: Date.now() };
  return ladder;
}

export async function saveTierLadder(ladder: TierLadder, staffId: string, now = new Date()) {
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: { ...CONFIG_KEY, ladder, updatedBy: staffId, updatedAt: now.toISOString() },
  });
  cache = undefined;
  return ladder;
}

/** The programme month (YYYY-MM, Asia/Shanghai) qualifying points earned at `at` count in. */
export const qualifyingMonthOf = (at: Date) => programmeToday(at).slice(0, 7);
export const qualifyingKey = (customerId: string, month: string) => ({
  pk: `CUSTOMER#${customerId}`,
  sk: `QUALIFYING#${month}`,
});

/** Qualifying points over the rolling 12 programme months up to and including the month of `at`. */
export async function rollingQualifyingPoints(customerId: string, at: Date): Promise<number> {
  const to = qualifyingMonthOf(at);
  const [year, month] = to.split('-').map(Number) as [number, number];
  const fromIndex = year * 12 + (month - 1) - 11;
  const from = `${Math.floor(fromIndex / 12)}-${String((fromIndex % 12) + 1).padStart(2, '0')}`;
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': `CUSTOMER#${customerId}`,
      ':from': `QUALIFYING#${from}`,
      ':to': `QUALIFYING#${to}`,
    },
    ConsistentRead: true,
  });
  return (result.Items ?? []).reduce((sum, item) => sum + Number(item.points ?? 0), 0);
}
