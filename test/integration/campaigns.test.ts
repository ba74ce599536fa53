// Campaign awards against DynamoDB Local: limits as transaction conditions, once per trigger, refunds.
import type { EventBridgeEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { awardCampaign } from '../../lib/campaigns/awards';
import { campaignDefinitionSchema } from '../../lib/campaigns/model';
import { awardPurchaseCampaigns, reverseCampaignBonuses } from '../../lib/campaigns/triggers';
import {
  campaignCounters,
  changeCampaignStatus,
  createCampaign,
  getCampaign,
} from '../../lib/campaigns/store';
import { getPointsAccount } from '../../lib/loyalty/accounts';
import { listLedger } from '../../lib/loyalty/ledger-listing';
import { programmeDayStart } from '../support/calendar';
import { eventIdOf } from '../../lib/events/event-id';
import { toPutEventsEntry } from '../../lib/events/publisher';
import { lambdaContext } from '../support/lambda';
import { scanAll } from '../support/scan';
import {
  acceptingEventBridge,
  longestPosId,
  longestStoreId,
  memberWithPoints,
  seedProfile,
  unique,
} from '../support/members';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

async function liveCampaign(overrides: Record<string, unknown>) {
  const created = await createCampaign(
    campaignDefinitionSchema.parse({
      name: unique('campaign'),
      trigger: { kind: 'purchase' },
      effects: { bonusPoints: { kind: 'fixed', points: 100 } },
      // From before the sales these tests date, to a year from whenever they run.
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: programmeDayStart(365).toISOString(),
      // Its own store unless a test says otherwise: campaigns of other tests live in the same table.
      conditions: { stores: [unique('store')] },
      ...overrides,
    }),
  );
  await changeCampaignStatus(created.campaignId, 'activate');
  return (await getCampaign(created.campaignId))!;
}

/** A sale as tills send them: store and transaction ids as long as the POS contract allows. */
const sale = (
  customerId: string,
  storeId = longestStoreId('store'),
  amount = 30_000,
  pointsEarned = 300,
) => ({
  customerId,
  storeId,
  transactionId: longestPosId('T'),
  amount,
  occurredAt: '2026-11-15T04:00:00.000Z',
  categories: ['fashion'],
  skus: ['SKU-1'],
  purchaseNumber: 1,
  pointsEarned,
});

/** The PurchaseRecorded delivery of a sale, as EventBridge hands it to the purchase-campaigns consumer. */
const purchaseRecorded = (
  purchase: ReturnType<typeof sale>,
  id = 'delivery',
): EventBridgeEvent<string, unknown> => ({
  id,
  version: '0',
  account: '000000000000',
  time: purchase.occurredAt,
  region: 'us-east-1',
  resources: [],
  source: 'sbm.crm.loyalty',
  'detail-type': 'PurchaseRecorded',
  detail: JSON.parse(
    toPutEventsEntry(
      {
        name: 'PurchaseRecorded',
        eventId: eventIdOf('PurchaseRecorded', purchase.storeId, purchase.transactionId),
        data: { ...purchase, currency: 'CNY' },
      },
      'c',
    ).Detail!,
  ),
});

const balance = async (customerId: string) => (await getPointsAccount(customerId))!.balance;

/** 100 bonus points for a member's purchase, as racing purchase events would ask for them. */
const awardHundred = (campaign: Awaited<ReturnType<typeof liveCampaign>>, customerId: string) =>
  awardCampaign({
    campaign,
    customerId,
    trigger: `purchase:s:${customerId}`,
    bonusPoints: 100,
    at: '2026-11-15T04:00:00.000Z',
    correlationId: 'c',
  });

describe('campaign awards', () => {
  it('pays out exactly up to the participant cap when a hundred qualifying purchases race', async () => {
    const campaign = await liveCampaign({ limits: { maxParticipants: 10 } });
    const members = await Promise.all(Array.from({ length: 100 }, () => memberWithPoints()));
    const outcomes = await Promise.all(members.map((customerId) => awardHundred(campaign, customerId)));
    expect(outcomes.filter((o) => o === 'awarded')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'budget-or-places-exhausted')).toHaveLength(90);
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({
      participants: 10,
      pointsAwarded: 1000,
    });
    const balances = await Promise.all(members.map(balance));
    expect(balances.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('never spends beyond the points budget, whoever wins the race', async () => {
    const campaign = await liveCampaign({ limits: { pointsBudget: 350 } });
    const members = await Promise.all(Array.from({ length: 20 }, () => memberWithPoints()));
    await Promise.all(members.map((customerId) => awardHundred(campaign, customerId)));
    expect((await campaignCounters(campaign.campaignId)).pointsAwarded).toBe(300);
  });

  it('awards once per trigger and limits each member per period', async () => {
    const campaign = await liveCampaign({ limits: { perCustomer: { count: 2, per: 'day' } } });
    const customerId = await memberWithPoints();
    const award = (trigger: string, at = '2026-11-15T04:00:00.000Z') =>
      awardCampaign({ campaign, customerId, trigger, bonusPoints: 100, at, correlationId: 'c' });
    expect(await award('t1')).toBe('awarded');
    expect(await award('t1')).toBe('already-awarded');
    expect(await award('t2')).toBe('awarded');
    expect(await award('t3')).toBe('member-limit-reached');
    // Midnight in Shanghai starts a new day.
    expect(await award('t4', '2026-11-15T16:00:00.000Z')).toBe('awarded');
    expect(await balance(customerId)).toBe(300);
  });

  it('stacks by priority: an exclusive campaign that awards stops the ones after it', async () => {
    const storeId = longestStoreId('store');
    const low = await liveCampaign({ priority: 10, conditions: { stores: [storeId] } });
    const exclusive = await liveCampaign({
      priority: 50,
      exclusive: true,
      conditions: { stores: [storeId] },
    });
    const high = await liveCampaign({
      priority: 90,
      conditions: { stores: [storeId] },
      effects: { bonusPoints: { kind: 'multiplier', factor: 2 } },
    });
    const customerId = await memberWithPoints();
    const results = await awardPurchaseCampaigns(sale(customerId, storeId), 'c');
    expect(results.map((r) => [r.campaignId, r.outcome, r.bonusPoints])).toEqual([
      [high.campaignId, 'awarded', 300],
      [exclusive.campaignId, 'awarded', 100],
    ]);
    expect(results.map((r) => r.campaignId)).not.toContain(low.campaignId);
    expect(await balance(customerId)).toBe(400);
  });

  it('takes the bonus back in proportion to a refund, once per refund, and returns it to the budget', async () => {
    const storeId = longestStoreId('store');
    const campaign = await liveCampaign({
      conditions: { stores: [storeId] },
      limits: { pointsBudget: 1000 },
      effects: { bonusPoints: { kind: 'fixed', points: 101 } },
    });
    const customerId = await memberWithPoints();
    const purchase = sale(customerId, storeId, 20_000);
    await awardPurchaseCampaigns(purchase, 'c');
    expect(await balance(customerId)).toBe(101);
    const refund = (refundId: string, refundAmount: number) =>
      reverseCampaignBonuses(
        { customerId, storeId, transactionId: purchase.transactionId, refundId, refundAmount },
        'c',
      );
    expect(await refund('R1', 10_000)).toBe(50);
    expect(await refund('R1', 10_000)).toBe(0);
    expect(await refund('R2', 10_000)).toBe(51);
    expect(await balance(customerId)).toBe(0);
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({
      pointsAwarded: 0,
      pointsReversed: 101,
    });
    const ledger = await listLedger(customerId, { limit: 10 });
    expect(ledger.items.map((entry) => entry.type).sort()).toEqual(['bonus', 'reverse', 'reverse']);
    expect(ledger.items.reduce((sum, entry) => sum + entry.balanceDelta, 0)).toBe(0);
  });

  it('publishes a bonus reversal again when the delivery that made it could not', async () => {
    const storeId = longestStoreId('store');
    await liveCampaign({ conditions: { stores: [storeId] } });
    const customerId = await memberWithPoints();
    const purchase = sale(customerId, storeId, 20_000);
    await awardPurchaseCampaigns(purchase, 'c');
    const refund = {
      customerId,
      storeId,
      transactionId: purchase.transactionId,
      refundId: longestPosId('R'),
      refundAmount: 20_000,
    };
    eventBridge.reset();
    eventBridge.outage();
    await expect(reverseCampaignBonuses(refund, 'c')).rejects.toThrow();
    expect(await balance(customerId)).toBe(0);
    eventBridge.reset();
    // The retry finds the reversal made: it takes nothing more, and publishes what the first could not.
    expect(await reverseCampaignBonuses(refund, 'c')).toBe(0);
    expect(await reverseCampaignBonuses(refund, 'c')).toBe(0);
    expect(await balance(customerId)).toBe(0);
    const reversals = eventBridge.published().filter((event) => event.type === 'PointsReversed');
    expect(reversals.map((event) => event.data.points)).toEqual([100, 100]);
    expect(new Set(reversals.map((event) => event.metadata.eventId)).size).toBe(1);
  });

  it('awards every stacking campaign on a sale with the longest POS ids, publishes its events and counts the sale, once, after a failed publish too', async () => {
    const { handler } = await import('../../functions/campaigns/award-purchase-campaigns');
    const storeId = longestStoreId('store');
    const first = await liveCampaign({ priority: 20, conditions: { stores: [storeId] } });
    const second = await liveCampaign({
      priority: 10,
      conditions: { stores: [storeId] },
      effects: { bonusPoints: { kind: 'fixed', points: 50 } },
    });
    const customerId = await memberWithPoints();
    const purchase = sale(customerId, storeId);
    // The first delivery saves the first award and then cannot publish: it fails and is delivered again.
    eventBridge.outage();
    await expect(handler(purchaseRecorded(purchase), lambdaContext())).rejects.toThrow();
    eventBridge.reset();
    await handler(purchaseRecorded(purchase, 'retry'), lambdaContext());
    await handler(purchaseRecorded(purchase, 'redelivery'), lambdaContext());
    expect(await balance(customerId)).toBe(150);
    for (const campaign of [first, second])
      expect(await campaignCounters(campaign.campaignId)).toMatchObject({
        awards: 1,
        participants: 1,
        participantRevenue: purchase.amount,
      });
    const published = eventBridge.published();
    expect(
      published
        .filter((event) => event.type === 'CampaignParticipated')
        .map((event) => event.data.campaignId)
        .sort(),
    ).toEqual([first.campaignId, second.campaignId].sort());
    expect(
      published.filter((event) => event.type === 'PointsEarned').map((event) => event.data.points),
    ).toEqual([100, 50]);
  });

  it('awards nothing once the campaign is paused', async () => {
    const campaign = await liveCampaign({});
    await changeCampaignStatus(campaign.campaignId, 'pause');
    const customerId = await memberWithPoints();
    expect(
      await awardCampaign({
        campaign,
        customerId,
        trigger: 'x',
        bonusPoints: 100,
        at: '2026-11-15T04:00:00.000Z',
        correlationId: 'c',
      }),
    ).toBe('campaign-not-live');
  });
});

describe('campaign gifts', () => {
  it('gives a coupon from the catalogue within its stock, single use at the till, reported per campaign', async () => {
    const { createReward } = await import('../../lib/rewards/catalogue');
    const { redeemVoucherAtTill } = await import('../../lib/rewards/redemption');
    const { tableNameFromEnv } = await import('../../lib/db/tables');
    const reward = await createReward({
      name: 'Free coffee',
      pointsCost: 500,
      type: 'coupon',
      stock: 1,
      voucherValidDays: 30,
    });
    const campaign = await liveCampaign({ effects: { reward: { rewardId: reward.id } } });
    const [first, second] = await Promise.all([memberWithPoints(), memberWithPoints()]);
    const gift = (customerId: string) =>
      awardCampaign({
        campaign,
        customerId,
        trigger: 'registration',
        bonusPoints: 0,
        at: '2026-11-15T04:00:00.000Z',
        correlationId: 'c',
      });
    expect(await gift(first)).toBe('awarded');
    expect(await gift(second)).toBe('gift-unavailable');
    expect(await gift(first)).toBe('already-awarded');
    const vouchers = await scanAll({
      TableName: tableNameFromEnv('main'),
      FilterExpression: 'begins_with(pk, :voucher) AND campaignId = :campaign',
      ExpressionAttributeValues: { ':voucher': 'VOUCHER#', ':campaign': campaign.campaignId },
    });
    expect(vouchers).toHaveLength(1);
    const code = String(vouchers[0]!.code);
    expect(code).toMatch(/^[A-Z0-9]{12}$/);
    const { listMemberVouchers } = await import('../../lib/rewards/redemption');
    expect(await listMemberVouchers(first)).toEqual([
      expect.objectContaining({
        code,
        rewardName: 'Free coffee',
        status: 'issued',
        campaignId: campaign.campaignId,
      }),
    ]);
    expect(await listMemberVouchers(second)).toEqual([]);
    await redeemVoucherAtTill(code, 'store-it', 'c');
    expect((await listMemberVouchers(first))[0]!.status).toBe('redeemed');
    await expect(redeemVoucherAtTill(code, 'store-it', 'c')).rejects.toMatchObject({
      code: 'VOUCHER_ALREADY_USED',
    });
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({
      couponsIssued: 1,
      couponsRedeemed: 1,
    });
    expect(await balance(first)).toBe(0);
  });

  it('gives a coupon of unlimited stock to every member, counting each without a stock to run out', async () => {
    const { createReward, getReward } = await import('../../lib/rewards/catalogue');
    const reward = await createReward({
      name: 'Welcome tea',
      pointsCost: 500,
      type: 'coupon',
      stock: 'unlimited',
      voucherValidDays: 30,
    });
    const campaign = await liveCampaign({ effects: { reward: { rewardId: reward.id } } });
    const members = await Promise.all(Array.from({ length: 5 }, () => memberWithPoints()));
    const outcomes = await Promise.all(
      members.map((customerId) =>
        awardCampaign({
          campaign,
          customerId,
          trigger: 'registration',
          bonusPoints: 0,
          at: '2026-11-15T04:00:00.000Z',
          correlationId: 'c',
        }),
      ),
    );
    expect(outcomes).toEqual(members.map(() => 'awarded'));
    expect(await getReward(reward.id)).toMatchObject({ stock: 'unlimited', redeemed: 5 });
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({ couponsIssued: 5 });
  });
});

describe('profile and custom-event campaigns', () => {
  it('publishes ProfileCompleted once, when name, birthday and phone are all there, and awards it once', async () => {
    const { noteProfileCompletion } = await import('../../lib/customers/profile-completion');
    const { bindPhone, updateProfile } = await import('../../lib/customers/repository');
    const { awardProfileCompletedCampaigns } = await import('../../lib/campaigns/triggers');
    await liveCampaign({
      trigger: { kind: 'profileCompleted' },
      conditions: {},
      effects: { bonusPoints: { kind: 'fixed', points: 50 } },
    });
    const customerId = await memberWithPoints();
    await seedProfile(customerId);
    await updateProfile(customerId, { name: 'Li Na', birthday: '1992-02-02' });
    expect(await noteProfileCompletion(customerId, 'c')).toBe(false);
    await bindPhone(customerId, '13700001111', '86');
    expect(await noteProfileCompletion(customerId, 'c')).toBe(true);
    expect(await noteProfileCompletion(customerId, 'c')).toBe(false);
    const completed = eventBridge.published().filter((event) => event.type === 'ProfileCompleted');
    expect(completed).toHaveLength(1);
    const completion = completed[0]!.data as { customerId: string; completedAt: string };
    const first = await awardProfileCompletedCampaigns(completion, 'c');
    const again = await awardProfileCompletedCampaigns(completion, 'c');
    expect(first.map((r) => r.outcome)).toEqual(['awarded']);
    expect(again.map((r) => r.outcome)).toEqual(['already-awarded']);
    expect(await balance(customerId)).toBe(50);
  });

  it('awards a custom-event campaign for its own event name only, once per event key', async () => {
    const { awardCustomEventCampaigns } = await import('../../lib/campaigns/triggers');
    const name = unique('show').toLowerCase();
    await liveCampaign({
      trigger: { kind: 'custom', eventName: name },
      conditions: {},
      effects: { bonusPoints: { kind: 'fixed', points: 30 } },
    });
    const customerId = await memberWithPoints();
    const event = (eventName: string, eventKey: string) => ({
      customerId,
      name: eventName,
      eventKey,
      occurredAt: '2026-11-15T04:00:00.000Z',
    });
    expect((await awardCustomEventCampaigns(event(name, 'k1'), 'c')).map((r) => r.outcome)).toEqual([
      'awarded',
    ]);
    expect((await awardCustomEventCampaigns(event(name, 'k1'), 'c')).map((r) => r.outcome)).toEqual([
      'already-awarded',
    ]);
    expect((await awardCustomEventCampaigns(event(name, 'k2'), 'c')).map((r) => r.outcome)).toEqual([
      'awarded',
    ]);
    expect(await awardCustomEventCampaigns(event(`${name}-other`, 'k3'), 'c')).toEqual([]);
    expect(await balance(customerId)).toBe(60);
  });
});

describe('campaign list reuse', () => {
  it('awards the very next sale of a warm consumer after staff activate a campaign through another instance', async () => {
    const storeId = longestStoreId('store');
    const customerId = await memberWithPoints();
    // Two function instances: the purchase consumer, and the staff route's (modules loaded apart).
    vi.resetModules();
    const consumer = (await import('../../functions/campaigns/award-purchase-campaigns')).handler;
    vi.resetModules();
    const staff = await import('../../lib/campaigns/store');
    const campaign = await staff.createCampaign(
      campaignDefinitionSchema.parse({
        name: unique('campaign'),
        trigger: { kind: 'purchase' },
        effects: { bonusPoints: { kind: 'fixed', points: 100 } },
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: programmeDayStart(365).toISOString(),
        conditions: { stores: [storeId] },
      }),
    );
    // The consumer's list is read while the campaign is a draft: this sale earns no bonus.
    await consumer(purchaseRecorded(sale(customerId, storeId)), lambdaContext());
    expect(await balance(customerId)).toBe(0);
    await staff.changeCampaignStatus(campaign.campaignId, 'activate');
    await consumer(purchaseRecorded(sale(customerId, storeId)), lambdaContext());
    expect(await balance(customerId)).toBe(100);
    await staff.changeCampaignStatus(campaign.campaignId, 'pause');
    await consumer(purchaseRecorded(sale(customerId, storeId)), lambdaContext());
    expect(await balance(customerId)).toBe(100);
  });

  it('awards under the new version when another process edited the campaign after the list was read', async () => {
    const { documents } = await import('../../lib/db/client');
    const { tableNameFromEnv } = await import('../../lib/db/tables');
    const storeId = longestStoreId('store');
    const campaign = await liveCampaign({ conditions: { stores: [storeId] } });
    const customerId = await memberWithPoints();
    // The first purchase fills this process's campaign list.
    expect((await awardPurchaseCampaigns(sale(customerId, storeId), 'c')).map((r) => r.outcome)).toEqual([
      'awarded',
    ]);
    // Another process publishes version 2 (the list here still holds version 1).
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: { pk: `CAMPAIGN#${campaign.campaignId}`, sk: 'META' },
      UpdateExpression: 'SET version = :two',
      ExpressionAttributeValues: { ':two': 2 },
    });
    const second = await awardPurchaseCampaigns(sale(customerId, storeId), 'c');
    expect(second.map((r) => r.outcome)).toEqual(['awarded']);
    expect(await balance(customerId)).toBe(200);
  });
});
