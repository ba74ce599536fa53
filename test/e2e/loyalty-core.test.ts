// The loyalty core over HTTP: earn, redeem, a race at the stock limit, a replayed Idempotency-Key,
// expiry by running the schedule as of a later date, and a staff adjustment with its audit entry.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { hoursAfter, programmeMonthStart } from '../support/calendar';
import { call, login, uniqueCode } from '../support/http';
import { demoPosKey, posCall } from '../support/pos';

const adminToken = async () =>
  (
    await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    })
  ).body.accessToken;

async function memberWithPoints(points: number, occurredAt = new Date().toISOString()) {
  const { body } = await login(uniqueCode('loyal'));
  await vi.waitFor(
    async () => expect((await call('GET', '/v1/loyalty/me', { token: body.accessToken })).status).toBe(200),
    { timeout: 5000, interval: 50 },
  );
  const sale = {
    transactionId: uniqueCode('T'),
    storeId: 'demo-store',
    occurredAt,
    customer: { customerId: body.customer.id },
    amount: points * 100,
    currency: 'CNY',
    items: [],
  };
  expect((await posCall('/v1/pos/transactions', sale, demoPosKey)).status).toBe(202);
  await vi.waitFor(
    async () =>
      expect(
        (await call<{ balance: number }>('GET', '/v1/loyalty/me', { token: body.accessToken })).body.balance,
      ).toBe(points),
    {
      timeout: 3000,
      interval: 50,
    },
  );
  return body;
}

const createReward = async (token: string, reward: Record<string, unknown>) => {
  const response = await call<{ id: string }>('POST', '/v1/admin/rewards', { token, body: reward });
  expect(response.status).toBe(201);
  return response.body.id;
};

const redeem = (token: string, rewardId: string, key: string | undefined, body: unknown = {}) =>
  call<{ redemptionId: string; pointsSpent: number; balance: number; voucher?: { code: string } }>(
    'POST',
    `/v1/rewards/${rewardId}/redemptions`,
    {
      token,
      body,
      headers: key ? { 'idempotency-key': key } : {},
    },
  );

describe('loyalty core', () => {
  it('redeems a coupon, replays the same key without spending again, and refuses a reused key with 422', async () => {
    const admin = await adminToken();
    const rewardId = await createReward(admin, {
      name: 'Coffee for two',
      type: 'coupon',
      pointsCost: 200,
      stock: 10,
    });
    const member = await memberWithPoints(500);
    expect(
      (
        await call<{ items: { id: string }[] }>('GET', '/v1/rewards', { token: member.accessToken })
      ).body.items.map((r) => r.id),
    ).toContain(rewardId);

    expect((await redeem(member.accessToken, rewardId, undefined)).status).toBe(400);
    const key = randomUUID();
    const first = await redeem(member.accessToken, rewardId, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      pointsSpent: 200,
      balance: 300,
      voucher: { code: expect.any(String) },
    });
    const replay = await redeem(member.accessToken, rewardId, key);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await redeem(member.accessToken, rewardId, key, { quantity: 2 })).body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      status: 422,
    });
    expect(
      (await call<{ balance: number }>('GET', '/v1/loyalty/me', { token: member.accessToken })).body.balance,
    ).toBe(300);

    // The member finds the code with their vouchers (one, despite the replay).
    const held = await call<{ items: { code: string; status: string }[] }>('GET', '/v1/rewards/me/vouchers', {
      token: member.accessToken,
    });
    expect(held.body.items).toEqual([
      expect.objectContaining({ code: first.body.voucher!.code, status: 'issued' }),
    ]);

    const till = await posCall(
      '/v1/pos/vouchers/redeem',
      { code: first.body.voucher!.code, storeId: 'demo-store' },
      demoPosKey,
    );
    expect(till.status).toBe(200);
    expect(
      (
        await posCall(
          '/v1/pos/vouchers/redeem',
          { code: first.body.voucher!.code, storeId: 'demo-store' },
          demoPosKey,
        )
      ).body,
    ).toMatchObject({
      code: 'VOUCHER_ALREADY_USED',
    });
    const history = await call<{ items: { type: string }[] }>(
      'GET',
      '/v1/loyalty/me/transactions?type=redeem',
      { token: member.accessToken },
    );
    expect(history.body.items).toEqual([expect.objectContaining({ type: 'redeem', points: -200 })]);
  });

  it('stops exactly at the stock limit when ten redemptions race, and says why with 409', async () => {
    const admin = await adminToken();
    const rewardId = await createReward(admin, {
      name: 'Limited tote',
      type: 'physical',
      pointsCost: 10,
      stock: 2,
    });
    const member = await memberWithPoints(1000);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => redeem(member.accessToken, rewardId, randomUUID())),
    );
    expect(outcomes.filter((outcome) => outcome.status === 201)).toHaveLength(2);
    expect(
      outcomes
        .filter((outcome) => outcome.status === 409)
        .map((outcome) => (outcome.body as unknown as { code: string }).code),
    ).toEqual(Array(8).fill('OUT_OF_STOCK'));
    expect(
      (await call<{ balance: number }>('GET', '/v1/loyalty/me', { token: member.accessToken })).body.balance,
    ).toBe(980);
    const poor = await memberWithPoints(5);
    const expensive = await createReward(admin, {
      name: 'Watch',
      type: 'physical',
      pointsCost: 100,
      stock: 5,
    });
    expect((await redeem(poor.accessToken, expensive, randomUUID())).body).toMatchObject({
      code: 'INSUFFICIENT_POINTS',
    });
  });

  it('expires points when the daily schedule runs after their expiry, and shows what expires soon', async () => {
    // Earned early in this month a year ago: the lot expires at the end of this month, Shanghai time.
    const earnedAt = hoursAfter(programmeMonthStart(-12), 10);
    const member = await memberWithPoints(70, earnedAt.toISOString());
    const before = await call<{ expiring: { within90Days: number } }>('GET', '/v1/loyalty/me', {
      token: member.accessToken,
    });
    expect(before.body.expiring.within90Days).toBe(70);
    const run = await call(
      'POST',
      `/_local/schedules/expirePoints/run?at=${hoursAfter(programmeMonthStart(1), 0.5).toISOString()}`,
    );
    expect(run.status).toBe(200);
    const after = await call<{ balance: number }>('GET', '/v1/loyalty/me', { token: member.accessToken });
    expect(after.body.balance).toBe(0);
    const expired = await call<{ items: { type: string; points: number }[] }>(
      'GET',
      '/v1/loyalty/me/transactions?type=expire',
      { token: member.accessToken },
    );
    expect(expired.body.items).toEqual([expect.objectContaining({ type: 'expire', points: -70 })]);
  });

  it('lets staff adjust points once per Idempotency-Key and records the adjustment in the audit trail', async () => {
    const admin = await adminToken();
    const member = await memberWithPoints(10);
    const key = randomUUID();
    const body = {
      customerId: member.customer.id,
      points: 250,
      reasonCode: 'goodwill',
      note: 'Apology for a late delivery',
    };
    const first = await call('POST', '/v1/admin/loyalty/adjustments', {
      token: admin,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ points: 250, balance: 260 });
    expect(
      (
        await call('POST', '/v1/admin/loyalty/adjustments', {
          token: admin,
          body,
          headers: { 'idempotency-key': key },
        })
      ).body,
    ).toEqual(first.body);
    expect(
      (await call<{ balance: number }>('GET', '/v1/loyalty/me', { token: member.accessToken })).body.balance,
    ).toBe(260);
    expect(
      (
        await call('POST', '/v1/admin/loyalty/adjustments', {
          token: member.accessToken,
          body,
          headers: { 'idempotency-key': randomUUID() },
        })
      ).status,
    ).toBe(403);

    const audit = await call<{
      items: { action: string; actor: string; before: unknown; after: unknown; correlationId: string }[];
    }>('GET', `/v1/admin/audit?target=customer:${member.customer.id}`, { token: admin });
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'loyalty.adjust',
        before: { balance: 10 },
        after: expect.objectContaining({ balance: 260, points: 250, reasonCode: 'goodwill' }),
      }),
    ]);
  });
});
