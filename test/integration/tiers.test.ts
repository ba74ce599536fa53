// Tiers against DynamoDB Local: rolling 12-month qualifying points, immediate upgrades, anniversary downgrades.
import { beforeEach, describe, expect, it } from 'vitest';
import { getPointsAccountSummary } from '../../lib/loyalty/accounts';
import { creditPurchase } from '../../lib/loyalty/ledger';
import { reviewTiers } from '../../lib/loyalty/tier-changes';
import { rollingQualifyingPoints } from '../../lib/loyalty/tier-store';
import { createReward } from '../../lib/rewards/catalogue';
import { redeemReward } from '../../lib/rewards/redemption';
import { acceptingEventBridge, memberWithPoints, unique } from '../support/members';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

/** A sale credited the moment it happened (the credit's own clock is the sale's time). */
const earn = (customerId: string, points: number, occurredAt: string, transactionId = unique('T')) =>
  creditPurchase(
    {
      kind: 'purchase',
      transaction: {
        transactionId,
        storeId: 'store-it',
        occurredAt,
        customer: { customerId },
        amount: points * 100,
        currency: 'CNY',
        items: [],
      },
      receivedAt: occurredAt,
      keyId: 'k',
      correlationId: 'c',
    },
    new Date(occurredAt),
  );

describe('tiers', () => {
  it('counts qualifying points over the rolling 12 programme months', async () => {
    const customerId = await memberWithPoints(0);
    const monthsFromNow = (months: number) => {
      const at = new Date();
      at.setUTCDate(15);
      at.setUTCMonth(at.getUTCMonth() + months);
      return at;
    };
    await earn(customerId, 300, monthsFromNow(-10).toISOString());
    await earn(customerId, 200, monthsFromNow(-1).toISOString());
    expect(await rollingQualifyingPoints(customerId, monthsFromNow(0))).toBe(500);
    // Two months on, the first sale's month has left the window (as the downgrade notice projects it).
    expect(await rollingQualifyingPoints(customerId, monthsFromNow(2))).toBe(200);
  });

  it('upgrades at once, is not demoted by a redemption, and drops one tier at most on its anniversary', async () => {
    const customerId = await memberWithPoints(0);
    const now = new Date();
    await earn(customerId, 5200, now.toISOString());
    expect((await getPointsAccountSummary(customerId))?.tier.code).toBe('gold');
    expect(
      eventBridge
        .published()
        .filter((event) => event.type === 'TierChanged' && event.data.customerId === customerId)
        .map((event) => event.data.to),
    ).toEqual(['gold']);

    const reward = await createReward({
      name: 'Big prize',
      type: 'physical',
      pointsCost: 5000,
      stock: 5,
      voucherValidDays: 30,
    });
    await redeemReward({
      customerId,
      rewardId: reward.id,
      quantity: 1,
      idempotencyKey: unique('key'),
      correlationId: 'c',
    });
    expect((await getPointsAccountSummary(customerId))?.tier.code).toBe('gold');

    // 30 days before the anniversary, with no qualifying points left in the window: a notice.
    const anniversary = new Date(now);
    anniversary.setUTCFullYear(anniversary.getUTCFullYear() + 1);
    const noticeDay = new Date(anniversary.getTime() - 30 * 86_400_000);
    await reviewTiers(noticeDay, 'c');
    // Other tests' members may be due the same day: only this member's notice is looked at.
    const notices = eventBridge
      .published()
      .filter((event) => event.type === 'TierDowngradeScheduled' && event.data.customerId === customerId);
    expect(notices.map((event) => event.data)).toEqual([
      expect.objectContaining({ customerId, from: 'gold', to: 'silver' }),
    ]);

    await reviewTiers(anniversary, 'c');
    expect((await getPointsAccountSummary(customerId, anniversary))?.tier.code).toBe('silver');
    // The same day's review run again changes nothing more.
    await reviewTiers(anniversary, 'c');
    expect((await getPointsAccountSummary(customerId, anniversary))?.tier.code).toBe('silver');
  });
});

describe('account months', () => {
  it('keeps the account small for a member of many years: months no window reads leave with the next credit', async () => {
    const { documents } = await import('../../lib/db/client');
    const { tableNameFromEnv } = await import('../../lib/db/tables');
    const { pointsAccountKey } = await import('../../lib/loyalty/accounts');
    const { itemBytes } = await import('../../lib/bench/item-size');
    const customerId = await memberWithPoints(0);
    // Three years of history, month by month, as an old account would hold it.
    const months = Array.from({ length: 36 }, (_, i) => {
      const at = new Date(Date.UTC(2023, 11 + i, 15));
      return at.toISOString().slice(0, 7);
    });
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: pointsAccountKey(customerId),
      UpdateExpression: 'SET qualifyingByMonth = :q, spendByMonth = :s',
      ExpressionAttributeValues: {
        ':q': Object.fromEntries(months.map((month) => [month, 10])),
        ':s': Object.fromEntries(months.map((month) => [month, 1_000])),
      },
    });
    const at = new Date('2026-11-20T04:00:00Z');
    const before = await rollingQualifyingPoints(customerId, at);
    await earn(customerId, 5, at.toISOString());
    const { Item } = await documents.get({
      TableName: tableNameFromEnv('main'),
      Key: pointsAccountKey(customerId),
    });
    const qualifying = Object.keys(Item!.qualifyingByMonth as object).sort();
    const spend = Object.keys(Item!.spendByMonth as object).sort();
    expect(qualifying).toHaveLength(13);
    expect(qualifying[0]).toBe('2025-11');
    expect(spend).toHaveLength(24);
    expect(spend[0]).toBe('2024-12');
    expect(await rollingQualifyingPoints(customerId, at)).toBe(before + 5);
    expect(itemBytes(Item!)).toBeLessThan(1024);
  });
});

describe('tier change with the credit', () => {
  it('promotes in the credit itself, and a redelivery after a crash publishes the change once', async () => {
    const { EventBridgeClient, PutEventsCommand } = await import('@aws-sdk/client-eventbridge');
    const { mockClient } = await import('aws-sdk-client-mock');
    const { getPointsAccount } = await import('../../lib/loyalty/accounts');
    const customerId = await memberWithPoints();
    const published: { type: string; eventId: string }[] = [];
    let failedOnce = false;
    const bus = mockClient(EventBridgeClient);
    bus.on(PutEventsCommand).callsFake((input: { Entries: { DetailType: string; Detail: string }[] }) => {
      if (!failedOnce && input.Entries.some((entry) => entry.DetailType === 'TierChanged')) {
        failedOnce = true;
        throw new Error('crash while publishing the tier change');
      }
      for (const entry of input.Entries)
        published.push({
          type: entry.DetailType,
          eventId: (JSON.parse(entry.Detail) as { metadata: { eventId: string } }).metadata.eventId,
        });
      return { FailedEntryCount: 0, Entries: input.Entries.map(() => ({ EventId: 'e' })) };
    });
    const now = new Date().toISOString();
    const sale = unique('T');
    await expect(earn(customerId, 20_000, now, sale)).rejects.toThrow(
      'crash while publishing the tier change',
    );
    const afterCrash = await getPointsAccount(customerId);
    expect(afterCrash!.tier).not.toBe('bronze');
    expect(published.filter((event) => event.type === 'TierChanged')).toHaveLength(0);
    // SQS delivers the message again: the sale is credited already, its events (the tier change with
    // them) go out under the ids the sale fixes.
    expect(await earn(customerId, 20_000, now, sale)).toBe('already-credited');
    const tierEvents = published.filter((event) => event.type === 'TierChanged');
    expect(tierEvents).toHaveLength(1);
    expect(tierEvents[0]!.eventId).toContain(sale);
    await earn(customerId, 20_000, now, sale);
    await earn(customerId, 1, now);
    const again = published.filter((event) => event.type === 'TierChanged');
    expect(new Set(again.map((event) => event.eventId)).size).toBe(1);
    expect((await getPointsAccount(customerId))!.tier).toEqual(afterCrash!.tier);
    bus.restore();
  });
});
