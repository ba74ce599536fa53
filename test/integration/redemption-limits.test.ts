// The per-member limit of a reward against DynamoDB Local: no quantity, first or later, alone or racing, gets past it.
import { beforeEach, describe, expect, it } from 'vitest';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { listLedger } from '../../lib/loyalty/ledger-listing';
import { createReward, getReward } from '../../lib/rewards/catalogue';
import { cancelRedemption, listMemberVouchers, redeemReward } from '../../lib/rewards/redemption';
import { acceptingEventBridge, balanceOf, memberWithPoints, unique } from '../support/members';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

const redeem = (customerId: string, rewardId: string, quantity = 1) =>
  redeemReward({ customerId, rewardId, quantity, idempotencyKey: unique('key'), correlationId: 'corr' });
const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );
const coupon = (perCustomerLimit: number) =>
  createReward({
    name: 'Limited coupon',
    type: 'coupon',
    pointsCost: 10,
    stock: 100,
    perCustomerLimit,
    voucherValidDays: 30,
  });
const redeemedCount = async (customerId: string, rewardId: string) =>
  Number(
    (
      await documents.get({
        TableName: tableNameFromEnv('main'),
        Key: { pk: `CUSTOMER#${customerId}`, sk: `REWARDCOUNT#${rewardId}` },
        ConsistentRead: true,
      })
    ).Item?.redeemed ?? 0,
  );

describe('the per-member limit of a reward', () => {
  it('refuses a first redemption of more than the limit with LIMIT_REACHED, changing nothing', async () => {
    const customerId = await memberWithPoints(1000);
    const reward = await coupon(1);
    expect(await outcomeOf(redeem(customerId, reward.id, 10))).toBe('LIMIT_REACHED');
    expect(await balanceOf(customerId)).toBe(1000);
    expect((await getReward(reward.id))?.stock).toBe(100);
    expect(await listMemberVouchers(customerId)).toEqual([]);
    expect(await redeemedCount(customerId, reward.id)).toBe(0);
    expect((await listLedger(customerId, { limit: 10 })).items.map((entry) => entry.type)).not.toContain(
      'redeem',
    );
    // The limit itself is still there to be used.
    const { result } = await redeem(customerId, reward.id, 1);
    expect(result.vouchers).toHaveLength(1);
    expect(await outcomeOf(redeem(customerId, reward.id, 1))).toBe('LIMIT_REACHED');
  });

  it('refuses a later redemption that would pass the limit, and lets one that reaches it exactly through', async () => {
    const customerId = await memberWithPoints(1000);
    const reward = await coupon(3);
    await redeem(customerId, reward.id, 1);
    expect(await outcomeOf(redeem(customerId, reward.id, 3))).toBe('LIMIT_REACHED');
    expect(await balanceOf(customerId)).toBe(990);
    await redeem(customerId, reward.id, 2);
    expect(await redeemedCount(customerId, reward.id)).toBe(3);
    expect(await outcomeOf(redeem(customerId, reward.id, 1))).toBe('LIMIT_REACHED');
    expect((await listMemberVouchers(customerId)).length).toBe(3);
  });

  it('gives a cancelled redemption its units back to the limit, never more', async () => {
    const customerId = await memberWithPoints(1000);
    const reward = await coupon(2);
    const { result } = await redeem(customerId, reward.id, 2);
    await cancelRedemption(customerId, result.redemptionId, 'changed mind', 'corr');
    expect(await outcomeOf(redeem(customerId, reward.id, 3))).toBe('LIMIT_REACHED');
    await redeem(customerId, reward.id, 2);
    expect(await redeemedCount(customerId, reward.id)).toBe(2);
  });

  it('refuses every one of racing first redemptions above the limit', async () => {
    const customerId = await memberWithPoints(10_000);
    const reward = await coupon(2);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => outcomeOf(redeem(customerId, reward.id, 3))),
    );
    expect(outcomes).toEqual(Array.from({ length: 10 }, () => 'LIMIT_REACHED'));
    expect(await redeemedCount(customerId, reward.id)).toBe(0);
    expect(await balanceOf(customerId)).toBe(10_000);
  });

  it('lets racing redemptions of mixed quantities through only up to the limit, first ones included', async () => {
    const customerId = await memberWithPoints(10_000);
    const reward = await coupon(4);
    const quantities = [1, 2, 3, 4, 5, 10, 1, 2, 3, 1, 1, 2, 4, 1, 3, 2];
    const outcomes = await Promise.all(quantities.map((q) => outcomeOf(redeem(customerId, reward.id, q))));
    expect(outcomes.every((outcome) => ['ok', 'LIMIT_REACHED', 'REDEMPTION_BUSY'].includes(outcome))).toBe(
      true,
    );
    const granted = quantities.filter((_, i) => outcomes[i] === 'ok').reduce((sum, q) => sum + q, 0);
    expect(granted).toBeGreaterThan(0);
    expect(granted).toBeLessThanOrEqual(4);
    expect(await redeemedCount(customerId, reward.id)).toBe(granted);
    expect((await listMemberVouchers(customerId)).length).toBe(granted);
    expect(await balanceOf(customerId)).toBe(10_000 - granted * 10);
    expect((await getReward(reward.id))?.stock).toBe(100 - granted);
  });

  it('lets exactly one of many racing first redemptions at the limit through', async () => {
    const customerId = await memberWithPoints(10_000);
    const reward = await coupon(2);
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => outcomeOf(redeem(customerId, reward.id, 2))),
    );
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(1);
    expect(await redeemedCount(customerId, reward.id)).toBe(2);
    expect(await balanceOf(customerId)).toBe(10_000 - 20);
    expect((await getReward(reward.id))?.stock).toBe(98);
  });
});
