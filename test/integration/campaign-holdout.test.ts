// Campaign holdouts against DynamoDB Local: the control group gets nothing, is recorded once whatever the
// replays, costs no budget or place, and is told apart in the results, the lists and the events.
import type { EventBridgeEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { awardCampaign, heldOutKey, joinCampaign, participantKey } from '../../lib/campaigns/awards';
import { isHeldOut } from '../../lib/campaigns/holdout';
import { listCampaignParticipants } from '../../lib/campaigns/listing';
import { campaignDefinitionSchema } from '../../lib/campaigns/model';
import {
  campaignCounters,
  changeCampaignStatus,
  createCampaign,
  getCampaign,
  updateCampaign,
} from '../../lib/campaigns/store';
import { awardPurchaseCampaigns, recordParticipantRevenue } from '../../lib/campaigns/triggers';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { eventIdOf } from '../../lib/events/event-id';
import { toPutEventsEntry } from '../../lib/events/publisher';
import { listLedger } from '../../lib/loyalty/ledger-listing';
import { programmeDayStart } from '../support/calendar';
import { lambdaContext } from '../support/lambda';
import { acceptingEventBridge, balanceOf, longestPosId, memberWithPoints, unique } from '../support/members';
import { scanAll } from '../support/scan';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

type Live = NonNullable<Awaited<ReturnType<typeof getCampaign>>>;

async function liveCampaign(overrides: Record<string, unknown>, activate = true): Promise<Live> {
  const created = await createCampaign(
    campaignDefinitionSchema.parse({
      name: unique('holdout'),
      trigger: { kind: 'purchase' },
      effects: { bonusPoints: { kind: 'fixed', points: 100 } },
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: programmeDayStart(365).toISOString(),
      conditions: { stores: [unique('store')] },
      holdoutPercent: 50,
      ...overrides,
    }),
  );
  if (activate) await changeCampaignStatus(created.campaignId, 'activate');
  return (await getCampaign(created.campaignId))!;
}

/** A new member on the chosen side of the campaign's holdout (half the members are on each). */
async function memberWho(heldOut: boolean, campaign: Live) {
  for (;;) {
    const customerId = await memberWithPoints(10);
    if (isHeldOut(campaign.campaignId, customerId, campaign.definition.holdoutPercent) === heldOut)
      return customerId;
  }
}

const storeOf = (campaign: Live) => campaign.definition.conditions.stores![0]!;
const sale = (customerId: string, storeId: string, transactionId = longestPosId('T')) => ({
  customerId,
  storeId,
  transactionId,
  amount: 30_000,
  occurredAt: '2026-11-15T04:00:00.000Z',
  categories: ['fashion'],
  skus: ['SKU-1'],
  purchaseNumber: 1,
  pointsEarned: 300,
});

const purchaseRecorded = (
  purchase: ReturnType<typeof sale>,
  id: string,
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

const participated = (campaignId: string) =>
  eventBridge
    .published()
    .filter((event) => event.type === 'CampaignParticipated' && event.data.campaignId === campaignId);

const get = async (key: Record<string, string>) =>
  (await documents.get({ TableName: tableNameFromEnv('main'), Key: key, ConsistentRead: true })).Item;

describe('a held-out member', () => {
  it('gets no campaign bonus on a purchase, is recorded and told once over replays and later sales, and costs no budget', async () => {
    const { handler } = await import('../../functions/campaigns/award-purchase-campaigns');
    const campaign = await liveCampaign({
      limits: { pointsBudget: 1000 },
      effects: { bonusPoints: { kind: 'fixed', points: 100 }, message: { title: 'Hi', body: 'Bonus!' } },
    });
    const [heldOut, treated] = [await memberWho(true, campaign), await memberWho(false, campaign)];
    const [heldBefore, treatedBefore] = [await balanceOf(heldOut), await balanceOf(treated)];
    const first = sale(heldOut, storeOf(campaign));
    // The first delivery records the member and cannot publish: it fails and is delivered again.
    eventBridge.outage();
    await expect(handler(purchaseRecorded(first, 'delivery'), lambdaContext())).rejects.toThrow();
    eventBridge.reset();
    await handler(purchaseRecorded(first, 'retry'), lambdaContext());
    await awardPurchaseCampaigns(first, 'replay');
    await handler(purchaseRecorded(sale(heldOut, storeOf(campaign)), 'second-sale'), lambdaContext());
    // The treated member's award, without its message (these tests configure no WeChat template).
    await awardCampaign({
      campaign,
      customerId: treated,
      trigger: 'treated-sale',
      bonusPoints: 100,
      at: first.occurredAt,
      correlationId: 'c',
    });

    expect(await balanceOf(heldOut)).toBe(heldBefore);
    expect(await balanceOf(treated)).toBe(treatedBefore + 100);
    const ledger = await listLedger(heldOut, { limit: 50 });
    expect(ledger.items.some((entry) => JSON.stringify(entry).includes(campaign.campaignId))).toBe(false);
    expect(await get(participantKey(campaign.campaignId, heldOut))).toBeUndefined();
    expect(await get(heldOutKey(campaign.campaignId, heldOut))).toMatchObject({
      customerId: heldOut,
      trigger: `purchase:${first.storeId}:${first.transactionId}`,
    });
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({
      heldOut: 1,
      participants: 1,
      awards: 1,
      pointsAwarded: 100,
    });

    const heldEvents = participated(campaign.campaignId).filter((event) => event.data.kind === 'held-out');
    // Published again by the retry and the replay of the first sale under one id, with the same data
    // (consumers keep one), and not for the second sale.
    expect(heldEvents).toHaveLength(2);
    expect(new Set(heldEvents.map((event) => event.metadata.eventId))).toEqual(
      new Set([eventIdOf('CampaignParticipated', campaign.campaignId, 'held-out', heldOut)]),
    );
    expect(new Set(heldEvents.map((event) => JSON.stringify(event.data))).size).toBe(1);
    expect(heldEvents[0]!.data).toMatchObject({
      customerId: heldOut,
      kind: 'held-out',
      bonusPoints: 0,
      trigger: `purchase:${first.storeId}:${first.transactionId}`,
    });
    expect(
      eventBridge
        .published()
        .some((event) => event.type === 'PointsEarned' && event.data.customerId === heldOut),
    ).toBe(false);
    // No message: sending one would have needed the WeChat template these tests leave unset, and no inbox entry.
    const { Items: inbox = [] } = await documents.query({
      TableName: tableNameFromEnv('main'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :inbox)',
      ExpressionAttributeValues: { ':pk': `CUSTOMER#${heldOut}`, ':inbox': 'INBOX#' },
    });
    expect(inbox).toEqual([]);
  });

  it('is no participant: the held-out group is listed apart, and its sales are counted apart', async () => {
    const campaign = await liveCampaign({});
    const [heldOut, treated] = [await memberWho(true, campaign), await memberWho(false, campaign)];
    const award = (customerId: string) =>
      awardCampaign({
        campaign,
        customerId,
        trigger: 'registration',
        bonusPoints: 100,
        at: '2026-11-15T04:00:00.000Z',
        correlationId: 'c',
      });
    expect(await award(heldOut)).toBe('held-out');
    expect(await award(heldOut)).toBe('held-out');
    expect(await award(treated)).toBe('awarded');
    await recordParticipantRevenue({ ...sale(heldOut, 's'), amount: 12_000 });
    await recordParticipantRevenue({ ...sale(treated, 's'), amount: 30_000 });
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({
      participants: 1,
      heldOut: 1,
      participantRevenue: 30_000,
      heldOutRevenue: 12_000,
    });
    const participants = await listCampaignParticipants(campaign.campaignId, { limit: 10 });
    expect(participants.items.map((item) => item.customerId)).toEqual([treated]);
    const group = await listCampaignParticipants(campaign.campaignId, { limit: 10, group: 'held-out' });
    expect(group.items).toEqual([
      expect.objectContaining({ customerId: heldOut, heldOut: true, awards: 0, pointsAwarded: 0 }),
    ]);
  });

  it('joins an opt-in campaign without taking a place, and its awards then hold them out', async () => {
    const campaign = await liveCampaign({ optIn: true, limits: { maxParticipants: 1 } });
    const [heldOut, treated, notJoined] = [
      await memberWho(true, campaign),
      await memberWho(false, campaign),
      await memberWho(true, campaign),
    ];
    expect(await joinCampaign(campaign, heldOut, 'c')).toBe('joined');
    expect(await joinCampaign(campaign, heldOut, 'c')).toBe('already-joined');
    // The one place is still free for a treated member.
    expect(await joinCampaign(campaign, treated, 'c')).toBe('joined');
    const award = (customerId: string) =>
      awardCampaign({
        campaign,
        customerId,
        trigger: 'registration',
        bonusPoints: 100,
        at: '2026-11-15T04:00:00.000Z',
        correlationId: 'c',
      });
    expect(await award(heldOut)).toBe('held-out');
    expect(await award(notJoined)).toBe('not-joined');
    expect(await award(treated)).toBe('awarded');
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({ participants: 1, heldOut: 1 });
    const heldEvents = participated(campaign.campaignId).filter((event) => event.data.kind === 'held-out');
    // Told at the join and again when joining again (a retry may follow a lost publish), not per award.
    expect(heldEvents.map((event) => event.data.trigger)).toEqual(['join', 'join']);
    expect(heldEvents.every((event) => event.data.customerId === heldOut)).toBe(true);
  });

  it('gets nothing from a campaign paused meanwhile, and is not recorded', async () => {
    const campaign = await liveCampaign({});
    const heldOut = await memberWho(true, campaign);
    await changeCampaignStatus(campaign.campaignId, 'pause');
    expect(
      await awardCampaign({
        campaign,
        customerId: heldOut,
        trigger: 'registration',
        bonusPoints: 100,
        at: '2026-11-15T04:00:00.000Z',
        correlationId: 'c',
      }),
    ).toBe('campaign-not-live');
    expect(await get(heldOutKey(campaign.campaignId, heldOut))).toBeUndefined();
  });
});

describe('the dry run', () => {
  it('says a held-out member would get nothing, and shows the holdout among its checks', async () => {
    const { dryRunCampaign } = await import('../../lib/campaigns/dry-run');
    const campaign = await liveCampaign({ holdoutPercent: 50 });
    const [heldOut, treated] = [await memberWho(true, campaign), await memberWho(false, campaign)];
    const sample = (customerId?: string) =>
      dryRunCampaign(campaign, {
        ...(customerId ? { customerId } : {}),
        purchase: {
          storeId: storeOf(campaign),
          amount: 30_000,
          occurredAt: '2026-11-15T04:00:00.000Z',
          items: [],
          basePoints: 300,
        },
      });
    const held = await sample(heldOut);
    expect(held).toMatchObject({ applies: false, bonusPoints: 0, heldOut: true });
    expect(held.checks.at(-1)).toEqual({
      condition: 'holdout',
      passed: false,
      detail: 'the member is in the 50% control group: they would get nothing and be recorded as held out',
    });
    expect(await sample(treated)).toMatchObject({ applies: true, bonusPoints: 100, heldOut: false });
    const anyone = await sample();
    expect(anyone).toMatchObject({ applies: true, bonusPoints: 100 });
    expect(anyone.heldOut).toBeUndefined();
    expect(anyone.checks.find((check) => check.condition === 'holdout')).toMatchObject({ passed: true });
  });
});

describe('the holdout as a term', () => {
  it('can be set, changed and removed before the start and is fixed once the campaign runs', async () => {
    const draft = await liveCampaign({}, false);
    const changed = await updateCampaign(draft.campaignId, { holdoutPercent: 12.5 }, draft.version);
    expect(changed.definition.holdoutPercent).toBe(12.5);
    const removed = await updateCampaign(draft.campaignId, { holdoutPercent: null }, changed.version);
    expect(removed.definition.holdoutPercent).toBeUndefined();
    expect((await getCampaign(draft.campaignId))!.definition.holdoutPercent).toBeUndefined();

    const running = await liveCampaign({ holdoutPercent: 10 });
    for (const holdoutPercent of [20, null])
      await expect(
        updateCampaign(running.campaignId, { holdoutPercent }, running.version),
      ).rejects.toMatchObject({
        status: 409,
        code: 'HOLDOUT_FIXED',
      });
    // Other terms still change, and the holdout sent unchanged is no change.
    const renamed = await updateCampaign(
      running.campaignId,
      { name: 'Renamed', holdoutPercent: 10 },
      running.version,
    );
    expect(renamed.definition).toMatchObject({ name: 'Renamed', holdoutPercent: 10 });
  });
});

describe('coupons of awards', () => {
  it('names the redemption of an award’s coupon in its event, and its use at a till is a RedemptionCollected', async () => {
    const { createReward } = await import('../../lib/rewards/catalogue');
    const { redeemVoucherAtTill } = await import('../../lib/rewards/redemption');
    const reward = await createReward({
      name: 'Free tea',
      pointsCost: 500,
      type: 'coupon',
      stock: 10,
      voucherValidDays: 30,
    });
    const campaign = await liveCampaign({ effects: { reward: { rewardId: reward.id } } });
    const [treated, heldOut] = [await memberWho(false, campaign), await memberWho(true, campaign)];
    const gift = (customerId: string) =>
      awardCampaign({
        campaign,
        customerId,
        trigger: 'registration',
        bonusPoints: 0,
        at: '2026-11-15T04:00:00.000Z',
        correlationId: 'c',
      });
    expect(await gift(treated)).toBe('awarded');
    expect(await gift(treated)).toBe('already-awarded');
    expect(await gift(heldOut)).toBe('held-out');
    const awarded = participated(campaign.campaignId).filter((event) => event.data.kind === 'awarded');
    expect(awarded).toHaveLength(2);
    const redemptionId = awarded[0]!.data.redemptionId;
    expect(redemptionId).toEqual(expect.any(String));
    // The replay names the same redemption: the award record keeps it.
    expect(awarded.map((event) => event.data)).toEqual([
      expect.objectContaining({ redemptionId, rewardId: reward.id }),
      expect.objectContaining({ redemptionId, rewardId: reward.id }),
    ]);
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({ couponsIssued: 1, heldOut: 1 });

    const vouchers = await scanAll({
      TableName: tableNameFromEnv('main'),
      FilterExpression: 'begins_with(pk, :voucher) AND campaignId = :campaign',
      ExpressionAttributeValues: { ':voucher': 'VOUCHER#', ':campaign': campaign.campaignId },
    });
    expect(vouchers.map((voucher) => voucher.customerId)).toEqual([treated]);
    const code = String(vouchers[0]!.code);
    await redeemVoucherAtTill(code, 'store-it', 'c', new Date('2026-11-20T02:00:00.000Z'));
    await expect(redeemVoucherAtTill(code, 'store-it', 'c')).rejects.toMatchObject({
      code: 'VOUCHER_ALREADY_USED',
    });
    const collected = eventBridge.published().filter((event) => event.type === 'RedemptionCollected');
    expect(collected).toHaveLength(2);
    expect(new Set(collected.map((event) => event.metadata.eventId)).size).toBe(1);
    expect(collected[0]!.data).toEqual({
      customerId: treated,
      redemptionId,
      rewardId: reward.id,
      collectedBy: 'till',
      campaignId: campaign.campaignId,
      storeId: 'store-it',
      quantity: 1,
      collectedAt: '2026-11-20T02:00:00.000Z',
    });
    expect(JSON.stringify(collected)).not.toContain(code);
  });
});
