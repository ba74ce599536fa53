import { decodeCursor, encodeCursor } from '../db/cursor';
import { documents, getItems } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { customerKey } from '../customers/repository';
import { storesVisitedAmong } from '../loyalty/stores-visited';
import { acceptsMarketing } from '../notifications/notify';
import { campaignSchema, type Campaign, type CampaignStatus } from './model';
import { inSegment, memberFactsFrom, type Segment } from './segments';

const table = () => tableNameFromEnv('main');

/** The most index entries one page of the filtered list reads before it answers with what it found. */
export const LIST_READ_BUDGET = 200;

export interface CampaignListFilter {
  status?: CampaignStatus;
  trigger?: Campaign['definition']['trigger']['kind'];
}

/**
 * The filter of a page of the campaign list, as DynamoDB evaluates it after reading each index entry;
 * none when nothing is filtered.
 */
export function campaignListFilter(filter: CampaignListFilter) {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  if (filter.status) {
    clauses.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = filter.status;
  }
  if (filter.trigger) {
    clauses.push('#definition.#trigger.#kind = :trigger');
    Object.assign(names, { '#definition': 'definition', '#trigger': 'trigger', '#kind': 'kind' });
    values[':trigger'] = filter.trigger;
  }
  return clauses.length
    ? { FilterExpression: clauses.join(' AND '), ExpressionAttributeNames: names, values }
    : undefined;
}

/**
 * Campaigns, newest first, a page at a time, filtered by status and trigger. The list is the index
 * partition every campaign sits in (`gsi1pk = CAMPAIGNS`, by creation time: the award consumers read that
 * same partition whole, so campaigns are expected in the hundreds, not millions). Status and trigger are
 * filters on it, not keys: a status changes with every lifecycle step and the one index entry cannot be
 * keyed by both. A page therefore reads at most LIST_READ_BUDGET entries: it may hold fewer than `limit`
 * campaigns and still have a `nextCursor`, and the cursor is exactly where the reading stopped.
 */
export async function listCampaignPage(
  page: { limit: number; cursor?: string },
  filter: CampaignListFilter = {},
) {
  const scope = {
    partition: { gsi1pk: 'CAMPAIGNS' },
    view: `${filter.status ?? '*'}|${filter.trigger ?? '*'}`,
  };
  const where = campaignListFilter(filter);
  let startKey = await decodeCursor(page.cursor, scope);
  const items: Campaign[] = [];
  let read = 0;
  do {
    // Each read stops at as many entries as are still wanted, so the cursor never skips a match.
    const wanted = Math.min(page.limit - items.length, LIST_READ_BUDGET - read);
    const result = await documents.query({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :all',
      ExpressionAttributeValues: { ':all': 'CAMPAIGNS', ...where?.values },
      ...(where
        ? {
            FilterExpression: where.FilterExpression,
            ExpressionAttributeNames: where.ExpressionAttributeNames,
          }
        : {}),
      ScanIndexForward: false,
      Limit: wanted,
      ExclusiveStartKey: startKey,
    });
    read += result.ScannedCount ?? wanted;
    items.push(...(result.Items ?? []).map((item) => campaignSchema.parse(item)));
    startKey = result.LastEvaluatedKey;
  } while (startKey && items.length < page.limit && read < LIST_READ_BUDGET);
  return { items, nextCursor: (await encodeCursor(startKey, scope)) ?? null };
}

/** A page of the items of one campaign's partition whose sort keys start with `prefix`, in key order. */
async function campaignItems(
  campaignId: string,
  prefix: string,
  page: { limit: number; cursor?: string },
  newestFirst = false,
) {
  const scope = { partition: { pk: `CAMPAIGN#${campaignId}` }, view: prefix };
  const result = await documents.query({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':prefix': prefix },
    ScanIndexForward: !newestFirst,
    Limit: page.limit,
    ExclusiveStartKey: await decodeCursor(page.cursor, scope),
  });
  return {
    items: result.Items ?? [],
    nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null,
  };
}

/** Every version of a campaign's terms kept, newest first: version 1 at creation, one more per live edit. */
export async function listCampaignVersions(campaignId: string, page: { limit: number; cursor?: string }) {
  const { items, nextCursor } = await campaignItems(campaignId, 'VERSION#', page, true);
  return {
    items: items.map((item) => ({
      version: Number(String(item.sk).slice('VERSION#'.length)),
      definition: item.definition as Campaign['definition'],
      createdAt: String(item.createdAt),
    })),
    nextCursor,
  };
}

/**
 * The campaign's participants (members who joined or got an award), by member id; or, asked for the
 * `held-out` group, the members of its control group, each recorded when they would first have been awarded.
 */
export async function listCampaignParticipants(
  campaignId: string,
  page: { limit: number; cursor?: string; group?: 'participants' | 'held-out' },
) {
  if (page.group === 'held-out') {
    const { items, nextCursor } = await campaignItems(campaignId, 'HELDOUT#', page);
    return {
      items: items.map((item) => ({
        customerId: String(item.customerId),
        joinedAt: String(item.recordedAt),
        awards: 0,
        pointsAwarded: 0,
        heldOut: true,
      })),
      nextCursor,
    };
  }
  const { items, nextCursor } = await campaignItems(campaignId, 'PARTICIPANT#', page);
  return {
    items: items.map((item) => ({
      customerId: String(item.customerId),
      joinedAt: String(item.joinedAt),
      pointsAwarded: Number(item.pointsAwarded ?? 0),
      awards: Object.values((item.counts ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0),
    })),
    nextCursor,
  };
}

/** The campaign's awards, by member and trigger: what each gave and what a refund took back. */
export async function listCampaignAwards(campaignId: string, page: { limit: number; cursor?: string }) {
  const { items, nextCursor } = await campaignItems(campaignId, 'AWARD#', page);
  return {
    items: items.map((item) => ({
      customerId: String(item.customerId),
      trigger: String(item.trigger),
      version: Number(item.version),
      bonusPoints: Number(item.bonusPoints ?? 0),
      bonusReversed: Number(item.bonusReversed ?? 0),
      ...(typeof item.storeId === 'string' ? { storeId: item.storeId } : {}),
      ...(typeof item.saleAmount === 'number' ? { saleAmount: item.saleAmount } : {}),
      at: String(item.at),
    })),
    nextCursor,
  };
}

/** The most table items one audience page reads. */
export const AUDIENCE_PAGE_ITEMS = 1000;

/**
 * One page of an audience count: of the points accounts among the next AUDIENCE_PAGE_ITEMS items of the
 * table, those whose members accept marketing and are in the segment now, judged as a blast's delivery
 * judges them. There is no index of members to count from, so a count is a walk through the table a
 * bounded page per request (the console adds the pages up as they come, and may stop); no request reads
 * more than one page, whatever the number of members.
 */
export async function countAudiencePage(segment: Segment, cursor: string | undefined, now: Date) {
  const scope = { partition: {}, view: 'campaign-audience' };
  const page = await documents.scan({
    TableName: table(),
    FilterExpression: 'sk = :account',
    ExpressionAttributeValues: { ':account': 'LOYALTY#ACCOUNT' },
    Limit: AUDIENCE_PAGE_ITEMS,
    ExclusiveStartKey: await decodeCursor(cursor, scope),
  });
  const accounts = page.Items ?? [];
  const profiles = new Map(
    (await getItems(accounts.map((account) => customerKey(String(account.customerId))))).map((profile) => [
      String(profile.pk),
      profile,
    ]),
  );
  let reached = 0;
  let consenting = 0;
  for (const account of accounts) {
    const customerId = String(account.customerId);
    const profile = profiles.get(customerKey(customerId).pk) as
      { birthday?: string; marketingConsent?: { granted: boolean }; erasedAt?: string } | undefined;
    if (!profile || !acceptsMarketing(profile)) continue;
    consenting++;
    const facts = memberFactsFrom(account, profile, {
      storesVisited: segment.visitedStores
        ? await storesVisitedAmong(customerId, account, segment.visitedStores)
        : undefined,
      marketingConsent: true,
    });
    if (inSegment(segment, facts, now)) reached++;
  }
  return {
    members: accounts.length,
    consenting,
    reached,
    nextCursor: (await encodeCursor(page.LastEvaluatedKey, scope)) ?? null,
  };
}
