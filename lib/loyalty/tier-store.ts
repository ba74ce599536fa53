import { defineAuditSubject } from '../audit/subjects';
import { programmeToday, sumOverProgrammeMonths } from '../calendar';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { fieldErrorsFrom, problems } from '../http/problem';
import { DEFAULT_LADDER, rankIn, tierLadderSchema, tierReached, type TierLadder } from './tier-ladder-schema';
import type { TierCode } from './tiers';

export { DEFAULT_LADDER, entryTierOf, rankIn, tierReached } from './tier-ladder-schema';

const CONFIG_KEY = { pk: 'CONFIG', sk: 'TIERS' };
/** The programme's settings in the audit trail: `config:tiers` is the tier ladder, tier names and all. */
export const programmeConfigAuditSubject = defineAuditSubject('config');
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

/**
 * The tier a member holds, as the ladder describes it. A code the ladder no longer has (staff saved a
 * ladder without it) is shown as it is, below the entry tier: the member's next credit places them at the
 * tier their points reach.
 */
export function tierHeld(ladder: TierLadder, code: TierCode) {
  const rank = rankIn(ladder, code);
  return { rank, tier: ladder[rank] ?? { code, name: code, qualifyingPoints: 0, benefits: [] } };
}

/** A tier code staff wrote, and where in the request they wrote it. */
export interface TierCodeUse {
  path: PropertyKey[];
  code: TierCode;
}

/** Refuses, with 400 naming each field, tier codes that the saved ladder does not have. */
export async function assertTiersInLadder(uses: TierCodeUse[], location = 'body') {
  if (uses.length === 0) return;
  const codes = (await tierLadder()).map((tier) => tier.code);
  const unknown = uses.filter((use) => !codes.includes(use.code));
  if (unknown.length)
    throw problems.validation(
      fieldErrorsFrom(
        unknown.map(({ path }) => ({ path, message: `must be a tier of the ladder (${codes.join(', ')})` })),
        location,
      ),
    );
}

/** The programme month (YYYY-MM, Asia/Shanghai) qualifying points earned at `at` count in. */
export const qualifyingMonthOf = (at: Date) => programmeToday(at).slice(0, 7);
/**
 * Qualifying points over the rolling 12 programme months up to and including the month of `at`, from
 * the account's points by month (kept on the account item, so a credit writes no item of its own).
 */
export const rollingQualifyingPointsIn = (qualifyingByMonth: Record<string, number> | undefined, at: Date) =>
  sumOverProgrammeMonths(qualifyingByMonth, 12, at);

export async function rollingQualifyingPoints(customerId: string, at: Date): Promise<number> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: { pk: `CUSTOMER#${customerId}`, sk: 'LOYALTY#ACCOUNT' },
    ProjectionExpression: 'qualifyingByMonth',
    ConsistentRead: true,
  });
  return rollingQualifyingPointsIn(Item?.qualifyingByMonth as Record<string, number> | undefined, at);
}

/** The account update clause that moves a programme month's qualifying points (the month map exists from opening). */
export const qualifyingMonthUpdate = (month: string) => ({
  clause:
    'qualifyingByMonth.#qualifyingMonth = if_not_exists(qualifyingByMonth.#qualifyingMonth, :zero) + :qualifying',
  names: { '#qualifyingMonth': month },
});

/**
 * The tier a credit promotes the member to, if it does: the highest their rolling qualifying points reach
 * with this credit's points in their month, when that is above the tier they hold. Never a demotion.
 */
export function promotionAfterCredit(
  ladder: TierLadder,
  account: { tier: TierCode; qualifyingByMonth?: Record<string, number> },
  month: string,
  points: number,
  now: Date,
): { to: TierCode; qualifyingPoints: number } | undefined {
  const byMonth = {
    ...account.qualifyingByMonth,
    [month]: (account.qualifyingByMonth?.[month] ?? 0) + points,
  };
  const qualifyingPoints = rollingQualifyingPointsIn(byMonth, now);
  const reached = tierReached(ladder, qualifyingPoints).code;
  return rankIn(ladder, reached) > rankIn(ladder, account.tier)
    ? { to: reached, qualifyingPoints }
    : undefined;
}
