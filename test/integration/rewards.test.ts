// Rewards and redemption against DynamoDB Local: no overdraft of points or stock under races, exact replays.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listLedger } from '../../lib/loyalty/ledger-listing';
import { readLots } from '../../lib/loyalty/lot-store';
import {
  createReward,
  getReward,
  importVoucherCodes,
  retireReward,
  updateReward,
} from '../../lib/rewards/catalogue';
import { cancelRedemption, redeemReward, redeemVoucherAtTill } from '../../lib/rewards/redemption';
import { hoursAfter, programmeMonthStart } from '../support/calendar';
import { apiEvent, lambdaContext } from '../support/lambda';
import { acceptingEventBridge, balanceOf, memberWithPoints, unique } from '../support/members';
import { staffCaller } from '../support/staff';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

const redeem = (customerId: string, rewardId: string, options: { quantity?: number; key?: string } = {}) =>
  redeemReward({
    customerId,
    rewardId,
    quantity: options.quantity ?? 1,
    idempotencyKey: options.key ?? unique('key'),
    correlationId: 'corr',
  });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );

describe('redeemReward', () => {
  it('spends the points, takes one from stock, writes a ledger entry and issues a coupon code', async () => {
    const customerId = await memberWithPoints(500);
    const reward = await createReward({
      name: 'Coffee',
      type: 'coupon',
      pointsCost: 300,
      stock: 5,
      voucherValidDays: 30,
    });
    const { result } = await redeem(customerId, reward.id);
    expect(result).toMatchObject({
      pointsSpent: 300,
      balance: 200,
      quantity: 1,
      voucher: { code: expect.stringMatching(/^[A-Z0-9]{12}$/) },
    });
    expect((await getReward(reward.id))?.stock).toBe(4);
    expect((await listLedger(customerId, { limit: 10 })).items[0]).toMatchObject({
      type: 'redeem',
      points: -300,
      balanceDelta: -300,
    });
    expect(eventBridge.published().map((event) => event.type)).toContain('PointsRedeemed');
  });

  it('lets exactly 3 of 50 parallel redemptions through when the balance covers 3', async () => {
    const customerId = await memberWithPoints(300);
    const reward = await createReward({
      name: 'Sticker',
      type: 'physical',
      pointsCost: 100,
      stock: 1000,
      voucherValidDays: 30,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => codeOf(redeem(customerId, reward.id))),
    );
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(3);
    expect(
      outcomes
        .filter((outcome) => outcome !== 'ok')
        .every((outcome) => ['INSUFFICIENT_POINTS', 'REDEMPTION_BUSY'].includes(outcome)),
    ).toBe(true);
    expect(await balanceOf(customerId)).toBe(0);
    expect((await readLots(customerId)).every((lot) => lot.remaining >= 0)).toBe(true);
  });

  it('lets exactly 2 of 20 parallel redemptions through when the stock is 2', async () => {
    const reward = await createReward({
      name: 'Umbrella',
      type: 'physical',
      pointsCost: 10,
      stock: 2,
      voucherValidDays: 30,
    });
    const members = await Promise.all(Array.from({ length: 20 }, () => memberWithPoints(100)));
    const outcomes = await Promise.all(members.map((customerId) => codeOf(redeem(customerId, reward.id))));
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(2);
    expect(outcomes.filter((outcome) => outcome === 'OUT_OF_STOCK')).toHaveLength(18);
    expect((await getReward(reward.id))?.stock).toBe(0);
  });

  it('returns the first result for a replayed Idempotency-Key, and 422 for the same key with another request', async () => {
    const customerId = await memberWithPoints(1000);
    const reward = await createReward({
      name: 'Tea',
      type: 'coupon',
      pointsCost: 100,
      stock: 10,
      voucherValidDays: 30,
    });
    const first = await redeem(customerId, reward.id, { key: 'replay-key-1' });
    const again = await redeem(customerId, reward.id, { key: 'replay-key-1' });
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(await balanceOf(customerId)).toBe(900);
    expect(await codeOf(redeem(customerId, reward.id, { key: 'replay-key-1', quantity: 2 }))).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => redeem(customerId, reward.id, { key: 'replay-key-2' })),
    );
    expect(new Set(racing.map((outcome) => outcome.result.redemptionId)).size).toBe(1);
    expect(await balanceOf(customerId)).toBe(800);
  });

  it('enforces the per-member limit', async () => {
    const customerId = await memberWithPoints(1000);
    const reward = await createReward({
      name: 'Cake',
      type: 'physical',
      pointsCost: 10,
      stock: 10,
      perCustomerLimit: 2,
      voucherValidDays: 30,
    });
    await redeem(customerId, reward.id, { quantity: 2 });
    expect(await codeOf(redeem(customerId, reward.id))).toBe('LIMIT_REACHED');
  });

  it('spends the soonest-expiring points first and returns them to the same lots on cancellation', async () => {
    // Points from eleven months ago expire at the end of next month, well before today's.
    const customerId = await memberWithPoints(100, hoursAfter(programmeMonthStart(-11), 24 * 14));
    const { creditPurchase } = await import('../../lib/loyalty/ledger');
    await creditPurchase({
      kind: 'purchase',
      transaction: {
        transactionId: unique('T'),
        storeId: 'store-it',
        occurredAt: new Date().toISOString(),
        customer: { customerId },
        amount: 10000,
        currency: 'CNY',
        items: [],
      },
      receivedAt: new Date().toISOString(),
      keyId: 'key-it',
      correlationId: 'corr',
    });
    const lotsBefore = (await readLots(customerId)).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
    const reward = await createReward({
      name: 'Bag',
      type: 'physical',
      pointsCost: 150,
      stock: 10,
      voucherValidDays: 30,
    });
    const { result } = await redeem(customerId, reward.id);
    const lotsAfter = (await readLots(customerId)).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
    // Both lots hold 100; the one that expires first is emptied, the other gives 50.
    expect(lotsBefore.map((lot) => lot.remaining)).toEqual([100, 100]);
    expect(lotsAfter.map((lot) => lot.remaining)).toEqual([0, 50]);
    await cancelRedemption(customerId, result.redemptionId, 'customer changed mind', 'corr');
    expect((await readLots(customerId)).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))).toEqual(
      lotsBefore,
    );
    expect(await balanceOf(customerId)).toBe(200);
    expect((await getReward(reward.id))?.stock).toBe(10);
  });
});

describe('stock', () => {
  let staff: Record<string, string>;
  beforeAll(async () => {
    staff = await staffCaller(['admin']);
  });
  const create = async (body: Record<string, unknown>) => {
    const { handler } = await import('../../functions/rewards/create-reward');
    const response = await handler(
      apiEvent({ method: 'POST', path: '/v1/admin/rewards', authorizer: staff, body: JSON.stringify(body) }),
      lambdaContext(),
    );
    return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
  };

  it('must be given for a coupon or a physical reward, and may be unlimited only for a coupon', async () => {
    const terms = { name: 'Parking hour', pointsCost: 100 };
    for (const [body, message] of [
      [terms, 'stock is required: a number of units, or "unlimited" for a coupon'],
      [{ ...terms, type: 'physical' }, 'stock is required: a number of units, or "unlimited" for a coupon'],
      [
        { ...terms, type: 'physical', stock: 'unlimited' },
        'stock can be "unlimited" only for a coupon, whose codes are generated',
      ],
      [{ ...terms, stock: 'lots' }, 'stock must be a whole number of units, or "unlimited"'],
      [
        { ...terms, type: 'voucher', stock: 5 },
        'stock must be left out: a voucher reward has as many units as codes imported',
      ],
    ] as const) {
      const refused = await create(body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'body.stock', message }]);
    }
    expect(await create({ ...terms, stock: 0 })).toMatchObject({ status: 201, body: { stock: 0 } });
    expect(await create({ ...terms, type: 'voucher' })).toMatchObject({ status: 201, body: { stock: 0 } });
  });

  it('of an unlimited coupon lets every racing redemption through and never runs out', async () => {
    const created = await create({ name: 'Welcome coffee', pointsCost: 10, stock: 'unlimited' });
    expect(created).toMatchObject({ status: 201, body: { type: 'coupon', stock: 'unlimited' } });
    const rewardId = String(created.body.id);
    const members = await Promise.all(Array.from({ length: 30 }, () => memberWithPoints(10)));
    const outcomes = await Promise.all(members.map((customerId) => redeem(customerId, rewardId)));
    expect(new Set(outcomes.map((outcome) => outcome.result.voucher?.code)).size).toBe(30);
    expect(await getReward(rewardId)).toMatchObject({ stock: 'unlimited', redeemed: 30 });
    expect(await Promise.all(members.map(balanceOf))).toEqual(members.map(() => 0));
    // A cancellation gives the points back and the count down; there are no units to return.
    await cancelRedemption(members[0]!, outcomes[0]!.result.redemptionId, 'changed mind', 'corr');
    expect(await getReward(rewardId)).toMatchObject({ stock: 'unlimited', redeemed: 29 });
    expect(await balanceOf(members[0]!)).toBe(10);
  });

  it('of an unlimited coupon cannot be restocked, and a retired one is not redeemed', async () => {
    const reward = await createReward({
      name: 'Tea',
      type: 'coupon',
      pointsCost: 10,
      stock: 'unlimited',
      voucherValidDays: 30,
    });
    expect(await codeOf(updateReward(reward.id, { addStock: 5 }))).toBe('REWARD_NOT_EDITABLE');
    expect(await codeOf(updateReward(reward.id, { addStock: -5 }))).toBe('REWARD_NOT_EDITABLE');
    expect(await getReward(reward.id)).toMatchObject({ stock: 'unlimited', redeemed: 0 });
    await retireReward(reward.id);
    expect(await codeOf(redeem(await memberWithPoints(50), reward.id))).toBe('REWARD_UNAVAILABLE');
  });

  it('of a reward stored before it was required (0) stays out of stock until restocked', async () => {
    const reward = await createReward({ name: 'Old', type: 'coupon', pointsCost: 10, voucherValidDays: 30 });
    const customerId = await memberWithPoints(50);
    expect(await codeOf(redeem(customerId, reward.id))).toBe('OUT_OF_STOCK');
    await updateReward(reward.id, { addStock: 1 });
    expect(await codeOf(redeem(customerId, reward.id))).toBe('ok');
    expect(await getReward(reward.id)).toMatchObject({ stock: 0, redeemed: 1 });
  });
});

describe('vouchers', () => {
  it('hands out imported codes once each and accepts each at the till once', async () => {
    const reward = await createReward({
      name: 'Cinema ticket',
      type: 'voucher',
      pointsCost: 50,
      stock: 0,
      voucherValidDays: 30,
    });
    const codes = [unique('CINEMA'), unique('CINEMA')];
    expect(await importVoucherCodes(reward.id, [...codes, codes[0]!])).toMatchObject({
      imported: 2,
      skipped: 1,
    });
    expect((await getReward(reward.id))?.stock).toBe(2);
    const customerId = await memberWithPoints(500);
    const [first, second] = await Promise.all([redeem(customerId, reward.id), redeem(customerId, reward.id)]);
    expect(new Set([first.result.voucher?.code, second.result.voucher?.code])).toEqual(new Set(codes));
    expect(await codeOf(redeem(customerId, reward.id))).toBe('OUT_OF_STOCK');
    await redeemVoucherAtTill(first.result.voucher!.code, 'store-it', 'c');
    expect(await codeOf(redeemVoucherAtTill(first.result.voucher!.code, 'store-it', 'c'))).toBe(
      'VOUCHER_ALREADY_USED',
    );
    expect(await codeOf(cancelRedemption(customerId, first.result.redemptionId, 'too late', 'corr'))).toBe(
      'VOUCHER_USED',
    );
    expect(await importVoucherCodes(reward.id, [first.result.voucher!.code])).toMatchObject({
      imported: 0,
      skipped: 1,
    });
  });
});

describe('expired vouchers', () => {
  it('are cancelled by the daily run, returning the points', async () => {
    const { cancelExpiredVouchers } = await import('../../lib/rewards/redemption');
    const customerId = await memberWithPoints(300);
    const reward = await createReward({
      name: 'Parking hour',
      type: 'coupon',
      pointsCost: 100,
      stock: 5,
      voucherValidDays: 7,
    });
    await redeem(customerId, reward.id);
    expect(await balanceOf(customerId)).toBe(200);
    await cancelExpiredVouchers(new Date(Date.now() + 6 * 86_400_000), 'corr');
    expect(await balanceOf(customerId)).toBe(200);
    await cancelExpiredVouchers(new Date(Date.now() + 8 * 86_400_000), 'corr');
    await cancelExpiredVouchers(new Date(Date.now() + 9 * 86_400_000), 'corr');
    expect(await balanceOf(customerId)).toBe(300);
    expect((await getReward(reward.id))?.stock).toBe(5);
  });
});
