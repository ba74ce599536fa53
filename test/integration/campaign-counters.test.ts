// Sharded campaign counters against DynamoDB Local: budgets and caps stay exact while awards race across shards.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { awardCampaign, joinCampaign } from '../../lib/campaigns/awards';
import { COUNTER_SHARDS, counterItemsOf } from '../../lib/campaigns/counters';
import { campaignDefinitionSchema, type Campaign } from '../../lib/campaigns/model';
import { reverseCampaignBonuses } from '../../lib/campaigns/triggers';
import {
  campaignCounters,
  changeCampaignStatus,
  createCampaign,
  getCampaign,
  updateCampaign,
} from '../../lib/campaigns/store';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { getPointsAccount } from '../../lib/loyalty/accounts';
import { programmeDayStart } from '../support/calendar';
import { acceptingEventBridge, memberWithPoints, unique } from '../support/members';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

const at = '2026-11-15T04:00:00.000Z';

async function liveCampaign(overrides: Record<string, unknown>) {
  const created = await createCampaign(
    campaignDefinitionSchema.parse({
      name: unique('campaign'),
      trigger: { kind: 'purchase' },
      effects: { bonusPoints: { kind: 'fixed', points: 7 } },
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: programmeDayStart(365).toISOString(),
      conditions: { stores: [unique('store')] },
      ...overrides,
    }),
  );
  await changeCampaignStatus(created.campaignId, 'activate');
  return (await getCampaign(created.campaignId))!;
}

const award = (
  campaign: Campaign,
  customerId: string,
  bonusPoints = 7,
  trigger = `purchase:s:${customerId}`,
) => awardCampaign({ campaign, customerId, trigger, bonusPoints, at, correlationId: 'c' });

/** What is left to give, over the pool and every shard: it must always be the limit less what was given. */
async function escrowLeft(campaign: Campaign) {
  const items = await counterItemsOf(campaign);
  const sum = (field: string) => items.reduce((total, item) => total + Number(item[field] ?? 0), 0);
  return { points: sum('budgetLeft'), places: sum('placesLeft') };
}

const balances = async (members: string[]) =>
  (await Promise.all(members.map(async (id) => (await getPointsAccount(id))!.balance))).reduce(
    (a, b) => a + b,
    0,
  );

describe('sharded campaign counters', () => {
  it('spends exactly the budget when awards race across shards and it runs out mid-race', async () => {
    // 40 awards' worth, dealt over 16 shards (17 or 18 points each): most awards past the first on a
    // shard must borrow from others, and the last ones scrape the remainders together.
    const campaign = await liveCampaign({ limits: { pointsBudget: 7 * 40 } });
    expect(campaign.counterShards).toBe(COUNTER_SHARDS);
    const members = await Promise.all(Array.from({ length: 60 }, () => memberWithPoints()));
    const outcomes = await Promise.all(members.map((customerId) => award(campaign, customerId)));
    expect(outcomes.filter((o) => o === 'awarded')).toHaveLength(40);
    expect(outcomes.filter((o) => o === 'budget-or-places-exhausted')).toHaveLength(20);
    expect(await campaignCounters(campaign)).toMatchObject({
      pointsAwarded: 280,
      awards: 40,
      participants: 40,
    });
    expect(await balances(members)).toBe(280);
    expect(await escrowLeft(campaign)).toMatchObject({ points: 0 });
  }, 120_000);

  it('fills exactly the places when joins of an opt-in campaign race', async () => {
    const campaign = await liveCampaign({ optIn: true, limits: { maxParticipants: 5 } });
    const members = await Promise.all(Array.from({ length: 30 }, () => memberWithPoints()));
    const joined = await Promise.all(members.map((customerId) => joinCampaign(campaign, customerId, 'c')));
    expect(joined.filter((o) => o === 'joined')).toHaveLength(5);
    expect(joined.filter((o) => o === 'full')).toHaveLength(25);
    expect(await campaignCounters(campaign)).toMatchObject({ participants: 5 });
    expect(await escrowLeft(campaign)).toMatchObject({ places: 0 });
  }, 60_000);

  it('reads neither the campaign nor a single counter item in an award', async () => {
    const campaign = await liveCampaign({ limits: { pointsBudget: 1000 } });
    const customerId = await memberWithPoints();
    const write = vi.spyOn(documents, 'transactWrite');
    const get = vi.spyOn(documents, 'get');
    try {
      expect(await award(campaign, customerId)).toBe('awarded');
      const keys = write.mock.calls.flatMap(([input]) =>
        (input.TransactItems ?? []).map((item) => {
          const key = item.Put?.Item ?? item.Update?.Key ?? item.ConditionCheck?.Key ?? item.Delete?.Key;
          return { pk: key?.pk as unknown, sk: key?.sk as unknown };
        }),
      );
      expect(keys).not.toContainEqual(expect.objectContaining({ sk: 'META' }));
      expect(keys).not.toContainEqual({ pk: `CAMPAIGN#${campaign.campaignId}`, sk: 'COUNTERS' });
      expect(
        keys.filter((key) => String(key.pk).startsWith(`CAMPAIGN#${campaign.campaignId}#COUNTERS#`)),
      ).toHaveLength(1);
      expect(get.mock.calls.map(([input]) => input.Key)).not.toContainEqual(
        expect.objectContaining({ sk: 'META' }),
      );
    } finally {
      write.mockRestore();
      get.mockRestore();
    }
  });

  it('stops every award once a pause commits, and takes an edit’s version at once', async () => {
    const campaign = await liveCampaign({ limits: { pointsBudget: 1000 } });
    const [first, second, third] = await Promise.all([
      memberWithPoints(),
      memberWithPoints(),
      memberWithPoints(),
    ]);
    expect(await award(campaign, first!)).toBe('awarded');
    await changeCampaignStatus(campaign.campaignId, 'pause');
    expect(await award(campaign, second!)).toBe('campaign-not-live');
    await changeCampaignStatus(campaign.campaignId, 'activate');
    const edited = await updateCampaign(campaign.campaignId, { priority: 5 }, campaign.version);
    // An award carrying the version before the edit is refused on its shard, the new version's goes through.
    expect(await award(campaign, second!)).toBe('campaign-not-live');
    expect(await award(edited, second!)).toBe('awarded');
    await changeCampaignStatus(campaign.campaignId, 'end');
    expect(await award(edited, third!)).toBe('campaign-not-live');
    expect(await campaignCounters(campaign)).toMatchObject({ awards: 2, pointsAwarded: 14 });
  });

  it('keeps what is left exact through refunds and budget edits on a running campaign', async () => {
    const storeId = unique('store');
    const campaign = await liveCampaign({
      conditions: { stores: [storeId] },
      limits: { pointsBudget: 100 },
    });
    const members = await Promise.all(Array.from({ length: 6 }, () => memberWithPoints()));
    const [a, b, c, d, e, f] = members as [string, string, string, string, string, string];
    const saleOf = (customerId: string) => ({
      campaign,
      customerId,
      trigger: `purchase:${storeId}:T-${customerId}`,
    });
    const awardSale = (customerId: string, points: number) =>
      awardCampaign({
        ...saleOf(customerId),
        bonusPoints: points,
        at,
        saleAmount: 10_000,
        storeId,
        correlationId: 'c',
      });
    expect(await awardSale(a, 60)).toBe('awarded');
    expect(await awardSale(b, 50)).toBe('budget-or-places-exhausted');
    // A refund of the whole sale returns its 60 points to the budget, for any shard to give again.
    expect(
      await reverseCampaignBonuses(
        { customerId: a, storeId, transactionId: `T-${a}`, refundId: 'R1', refundAmount: 10_000 },
        'c',
      ),
    ).toBe(60);
    expect(await escrowLeft(campaign)).toMatchObject({ points: 100 });
    expect(await awardSale(b, 50)).toBe('awarded');
    // Cut beneath what was given (50): nothing more goes out until the budget is raised again.
    let current = await updateCampaign(
      campaign.campaignId,
      { limits: { pointsBudget: 40 } },
      campaign.version,
    );
    expect(await escrowLeft(current)).toMatchObject({ points: -10 });
    expect(
      await awardCampaign({
        campaign: current,
        customerId: c,
        trigger: 'x',
        bonusPoints: 1,
        at,
        correlationId: 'c',
      }),
    ).toBe('budget-or-places-exhausted');
    current = await updateCampaign(campaign.campaignId, { limits: { pointsBudget: 80 } }, current.version);
    expect(await escrowLeft(current)).toMatchObject({ points: 30 });
    const raced = await Promise.all(
      [c, d, e, f].map((customerId) =>
        awardCampaign({
          campaign: current,
          customerId,
          trigger: 'y',
          bonusPoints: 10,
          at,
          correlationId: 'c',
        }),
      ),
    );
    expect(raced.filter((o) => o === 'awarded')).toHaveLength(3);
    expect(await campaignCounters(current)).toMatchObject({ pointsAwarded: 80, pointsReversed: 60 });
    expect(await escrowLeft(current)).toMatchObject({ points: 0 });
  }, 60_000);

  it('keeps awarding a campaign created before sharding on its one counters item, exactly to its cap', async () => {
    const campaign = await liveCampaign({ limits: { maxParticipants: 3 } });
    // As such a campaign was stored: no shard count on the campaign, no shard items, one counters item.
    const table = tableNameFromEnv('main');
    await documents.update({
      TableName: table,
      Key: { pk: `CAMPAIGN#${campaign.campaignId}`, sk: 'META' },
      UpdateExpression: 'REMOVE counterShards',
    });
    for (const item of await counterItemsOf(campaign))
      await documents.delete({ TableName: table, Key: { pk: item.pk, sk: item.sk } });
    await documents.put({
      TableName: table,
      Item: {
        pk: `CAMPAIGN#${campaign.campaignId}`,
        sk: 'COUNTERS',
        pointsAwarded: 0,
        participants: 0,
        awards: 0,
      },
    });
    const legacy = (await getCampaign(campaign.campaignId))!;
    expect(legacy.counterShards).toBeUndefined();
    const members = await Promise.all(Array.from({ length: 12 }, () => memberWithPoints()));
    const outcomes = await Promise.all(members.map((customerId) => award(legacy, customerId)));
    expect(outcomes.filter((o) => o === 'awarded')).toHaveLength(3);
    expect(await campaignCounters(legacy)).toMatchObject({ participants: 3, pointsAwarded: 21 });
    await changeCampaignStatus(legacy.campaignId, 'pause');
    expect(await award(legacy, members[0]!, 7, 'another')).toBe('campaign-not-live');
  }, 60_000);
});
