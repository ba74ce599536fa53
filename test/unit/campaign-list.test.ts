// The award consumers' campaign list against a mocked DynamoDB: reused while the list version stands,
// each campaign's state taken from the table rather than the index (which may lag a write), and a list
// that misses a newly created campaign not kept.
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { campaignDefinitionSchema, type Campaign, type CampaignStatus } from '../../lib/campaigns/model';

const dynamo = mockClient(DynamoDBDocumentClient);
const at = '2026-11-15T04:00:00.000Z';

const campaign = (campaignId: string, status: CampaignStatus): Campaign => ({
  campaignId,
  status,
  version: 1,
  definition: campaignDefinitionSchema.parse({
    name: campaignId,
    trigger: { kind: 'purchase' },
    effects: { bonusPoints: { kind: 'fixed', points: 100 } },
    startsAt: '2026-01-01T00:00:00Z',
    endsAt: '2027-12-31T00:00:00Z',
  }),
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const item = (c: Campaign) => ({ pk: `CAMPAIGN#${c.campaignId}`, sk: 'META', ...c });

/** The table as DynamoDB would answer: the list version, the index's listing and the items themselves. */
function tableWith(state: { version: number; created: number; indexed: Campaign[]; items: Campaign[] }) {
  dynamo.reset();
  dynamo.on(GetCommand).resolves({ Item: { version: state.version, campaigns: state.created } });
  dynamo.on(QueryCommand).resolves({ Items: state.indexed.map(item) });
  dynamo
    .on(BatchGetCommand)
    .callsFake((input: { RequestItems: Record<string, { Keys: { pk: string }[] }> }) => ({
      Responses: Object.fromEntries(
        Object.entries(input.RequestItems).map(([table, { Keys }]) => [
          table,
          state.items.filter((c) => Keys.some((key) => key.pk === `CAMPAIGN#${c.campaignId}`)).map(item),
        ]),
      ),
    }));
}

const listings = () => dynamo.commandCalls(QueryCommand).length;

let store: typeof import('../../lib/campaigns/store');
let liveCampaigns: (at: string) => Promise<Campaign[]>;
beforeEach(async () => {
  // A fresh function instance, its list not read yet.
  vi.resetModules();
  store = await import('../../lib/campaigns/store');
  liveCampaigns = store.liveCampaigns;
});

describe('the campaign list for awards', () => {
  it('reuses the list while the version stands and reads it again once it moves', async () => {
    const a = campaign('A', 'active');
    tableWith({ version: 3, created: 1, indexed: [a], items: [a] });
    await liveCampaigns(at);
    await liveCampaigns(at);
    expect(listings()).toBe(1);
    expect(dynamo.commandCalls(GetCommand).every((call) => call.args[0].input.ConsistentRead)).toBe(true);
    const b = campaign('B', 'active');
    tableWith({ version: 4, created: 2, indexed: [a, b], items: [a, b] });
    expect((await liveCampaigns(at)).map((c) => c.campaignId)).toEqual(['A', 'B']);
    expect(listings()).toBe(1);
  });

  it("takes each campaign's state from the table when the index still shows the one before", async () => {
    tableWith({
      version: 5,
      created: 2,
      indexed: [campaign('A', 'draft'), campaign('B', 'active')],
      items: [campaign('A', 'active'), campaign('B', 'paused')],
    });
    expect((await liveCampaigns(at)).map((c) => c.campaignId)).toEqual(['A']);
  });

  it('does not keep a list the index has not yet added a new campaign to', async () => {
    const a = campaign('A', 'active');
    tableWith({ version: 6, created: 2, indexed: [a], items: [a, campaign('B', 'active')] });
    await liveCampaigns(at);
    await liveCampaigns(at);
    expect(listings()).toBe(2);
    const b = campaign('B', 'active');
    tableWith({ version: 6, created: 2, indexed: [a, b], items: [a, b] });
    expect((await liveCampaigns(at)).map((c) => c.campaignId)).toEqual(['A', 'B']);
    await liveCampaigns(at);
    expect(listings()).toBe(1);
  });
});

/** A transaction DynamoDB cancelled, with one reason per item. */
const cancelled = (codes: string[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('a campaign change', () => {
  it('moves the list version on every copy in its own transaction', async () => {
    tableWith({ version: 1, created: 1, indexed: [], items: [] });
    dynamo.on(GetCommand).resolves({ Item: item(campaign('A', 'draft')) });
    dynamo.on(TransactWriteCommand).resolves({});
    await store.changeCampaignStatus('A', 'activate');
    const [write] = dynamo
      .commandCalls(TransactWriteCommand)
      .map((call) => call.args[0].input.TransactItems!);
    expect(write!.map((action) => action.Update?.Key?.pk)).toEqual([
      'CAMPAIGN#A',
      ...Array.from({ length: 8 }, (_, copy) => `CAMPAIGNS#VERSION#0${copy}`),
    ]);
  });

  it('is tried again when only a concurrent change of another campaign collided with it on the version', async () => {
    tableWith({ version: 1, created: 1, indexed: [], items: [] });
    dynamo.on(GetCommand).resolves({ Item: item(campaign('A', 'draft')) });
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['None', 'TransactionConflict', ...Array(7).fill('None')]))
      .resolves({});
    expect(await store.changeCampaignStatus('A', 'activate')).toMatchObject({ status: 'active' });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('answers 409 when the campaign itself changed meanwhile', async () => {
    tableWith({ version: 1, created: 1, indexed: [], items: [] });
    dynamo.on(GetCommand).resolves({ Item: item(campaign('A', 'draft')) });
    dynamo.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', ...Array(8).fill('None')]));
    await expect(store.changeCampaignStatus('A', 'activate')).rejects.toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
    });
  });
});
