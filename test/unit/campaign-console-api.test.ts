// The staff campaign routes' pure rules: the filter and paging of the campaign list (against a mocked
// DynamoDB that filters and limits as the real one does), and what a small edit (PATCH) changes.
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { campaignListFilter, listCampaignPage, LIST_READ_BUDGET } from '../../lib/campaigns/listing';
import {
  campaignDefinitionSchema,
  campaignPatchSchema,
  campaignTriggerKinds,
  campaignTriggerSchema,
  changesOfPatch,
  type Campaign,
  type CampaignStatus,
} from '../../lib/campaigns/model';

const dynamo = mockClient(DynamoDBDocumentClient);

const campaign = (n: number, status: CampaignStatus, kind: 'purchase' | 'registration'): Campaign => ({
  campaignId: `C${String(n).padStart(4, '0')}`,
  status,
  version: 1,
  definition: campaignDefinitionSchema.parse({
    name: `campaign ${n}`,
    trigger: { kind },
    effects: { bonusPoints: { kind: 'fixed', points: 100 } },
    startsAt: '2026-01-01T00:00:00Z',
    endsAt: '2027-12-31T00:00:00Z',
  }),
  createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/**
 * The index partition as DynamoDB's Query reads it, newest first: `Limit` entries are read, then the
 * filter keeps those that match; LastEvaluatedKey is the last entry read.
 */
function indexOf(campaigns: Campaign[]) {
  const entries = campaigns
    .map((c) => ({
      pk: `CAMPAIGN#${c.campaignId}`,
      sk: 'META',
      gsi1pk: 'CAMPAIGNS',
      gsi1sk: `${c.createdAt}#${c.campaignId}`,
      ...c,
    }))
    .sort((a, b) => b.gsi1sk.localeCompare(a.gsi1sk));
  const queries: QueryCommandInput[] = [];
  dynamo.reset();
  dynamo.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    queries.push(input);
    const start = input.ExclusiveStartKey
      ? entries.findIndex((e) => e.gsi1sk === input.ExclusiveStartKey!.gsi1sk) + 1
      : 0;
    const read = entries.slice(start, start + (input.Limit ?? entries.length));
    const values = input.ExpressionAttributeValues ?? {};
    const kept = read.filter(
      (e) =>
        (values[':status'] === undefined || e.status === values[':status']) &&
        (values[':trigger'] === undefined || e.definition.trigger.kind === values[':trigger']),
    );
    const last = read.at(-1);
    return {
      Items: kept,
      ScannedCount: read.length,
      LastEvaluatedKey:
        last && start + read.length < entries.length
          ? { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk }
          : undefined,
    };
  });
  return queries;
}

/** Every page of the list, following the cursors to the end. */
async function everyPage(limit: number, filter: Parameters<typeof listCampaignPage>[1]) {
  const pages: Campaign[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listCampaignPage({ limit, cursor }, filter);
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

describe('the trigger kinds the list filters by and the builder offers', () => {
  it('are every kind of trigger the engine supports, and no other', () => {
    type Option = { _zod: { def: { shape: { kind: { _zod: { def: { values: string[] } } } } } } };
    const options = (campaignTriggerSchema._zod.def as unknown as { options: Option[] }).options;
    expect(options.map((option) => option._zod.def.shape.kind._zod.def.values[0])).toEqual([
      ...campaignTriggerKinds,
    ]);
  });
});

describe('the campaign list', () => {
  const campaigns = Array.from({ length: 45 }, (_, i) =>
    campaign(i + 1, i % 3 === 0 ? 'active' : 'draft', i % 5 === 0 ? 'registration' : 'purchase'),
  );
  beforeEach(() => indexOf(campaigns));

  it('filters by nothing when nothing is asked', () => {
    expect(campaignListFilter({})).toBeUndefined();
  });

  it('filters by status and trigger together, on the stored attributes', () => {
    expect(campaignListFilter({ status: 'active', trigger: 'purchase' })).toEqual({
      FilterExpression: '#status = :status AND #definition.#trigger.#kind = :trigger',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#definition': 'definition',
        '#trigger': 'trigger',
        '#kind': 'kind',
      },
      values: { ':status': 'active', ':trigger': 'purchase' },
    });
  });

  it('gives every campaign once, newest first, across pages', async () => {
    const pages = await everyPage(20, {});
    expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
    const ids = pages.flat().map((c) => c.campaignId);
    expect(ids).toEqual([...campaigns].reverse().map((c) => c.campaignId));
  });

  it('gives every match of a filter once and nothing else, never skipping one at a page end', async () => {
    const pages = await everyPage(4, { status: 'active', trigger: 'purchase' });
    const expected = campaigns
      .filter((c) => c.status === 'active' && c.definition.trigger.kind === 'purchase')
      .reverse()
      .map((c) => c.campaignId);
    expect(pages.flat().map((c) => c.campaignId)).toEqual(expected);
    expect(pages.every((page) => page.length <= 4)).toBe(true);
  });

  it('reads no more than its budget of entries for one page, however rare the matches', async () => {
    const many = Array.from({ length: LIST_READ_BUDGET * 2 + 10 }, (_, i) =>
      campaign(i + 1, i === 5 ? 'paused' : 'draft', 'purchase'),
    );
    const queries = indexOf(many);
    const first = await listCampaignPage({ limit: 20 }, { status: 'paused' });
    expect(first.items).toEqual([]);
    expect(first.nextCursor).not.toBeNull();
    expect(queries.reduce((read, query) => read + (query.Limit ?? 0), 0)).toBe(LIST_READ_BUDGET);
    const pages = await everyPage(20, { status: 'paused' });
    expect(pages.flat().map((c) => c.status)).toEqual(['paused']);
  });

  it('refuses a cursor of another filter', async () => {
    const page = await listCampaignPage({ limit: 5 }, { status: 'draft' });
    await expect(
      listCampaignPage({ limit: 5, cursor: page.nextCursor! }, { status: 'active' }),
    ).rejects.toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });
});

describe('a small edit of a campaign', () => {
  const stored = {
    limits: { pointsBudget: 5000, maxParticipants: 100, perCustomer: { count: 1, per: 'day' as const } },
  };

  it('changes the one limit it names and keeps the others', () => {
    const patch = campaignPatchSchema.parse({ version: 3, limits: { pointsBudget: 8000 } });
    expect(changesOfPatch(stored, patch)).toEqual({
      limits: { pointsBudget: 8000, maxParticipants: 100, perCustomer: { count: 1, per: 'day' } },
    });
  });

  it('removes a limit sent as null', () => {
    const patch = campaignPatchSchema.parse({ version: 3, limits: { perCustomer: null } });
    expect(changesOfPatch(stored, patch)).toEqual({ limits: { pointsBudget: 5000, maxParticipants: 100 } });
  });

  it('changes the dates alone, in UTC, leaving the limits out of the change', () => {
    const patch = campaignPatchSchema.parse({ version: 1, endsAt: '2026-12-31T00:00:00+08:00' });
    expect(changesOfPatch(stored, patch)).toEqual({ endsAt: '2026-12-30T16:00:00.000Z' });
  });

  it('refuses an edit that names nothing, and needs the version it was made on', () => {
    expect(campaignPatchSchema.safeParse({ version: 1 }).success).toBe(false);
    expect(campaignPatchSchema.safeParse({ version: 1, limits: {} }).success).toBe(false);
    expect(campaignPatchSchema.safeParse({ endsAt: '2026-12-31T00:00:00Z' }).success).toBe(false);
  });

  it('refuses a term it does not cover, and a bad limit', () => {
    expect(campaignPatchSchema.safeParse({ version: 1, name: 'x' }).success).toBe(false);
    expect(campaignPatchSchema.safeParse({ version: 1, limits: { pointsBudget: 0 } }).success).toBe(false);
    expect(
      campaignPatchSchema.safeParse({ version: 1, limits: { perCustomer: { count: 1, per: 'year' } } })
        .success,
    ).toBe(false);
  });
});
