// Campaigns over HTTP: staff define them, signed POS sales and the birthday schedule trigger them, and
// the ledger shows the bonuses. Each campaign is limited to a store of its own (or to birthdays), so the
// other test files sharing this local cloud are not touched by it.
import { describe, expect, it, vi } from 'vitest';
import { programmeToday } from '../../lib/calendar';
import { hoursAfter, lastWeekendSaturday, programmeDayStart } from '../support/calendar';
import { call, login, longestPosId, longestStoreId, uniqueCode } from '../support/http';
import { posCall } from '../support/pos';

const adminToken = async () =>
  (
    await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    })
  ).body.accessToken;

async function storeWithKey(token: string) {
  const storeId = longestStoreId('store');
  await call('POST', '/v1/admin/stores', { token, body: { storeId, name: `Store ${storeId}` } });
  const key = await call<{ keyId: string; secret: string }>('POST', `/v1/admin/stores/${storeId}/pos-keys`, {
    token,
  });
  return { storeId, key: key.body };
}

async function member() {
  const code = uniqueCode('member');
  const { body } = await login(code);
  await vi.waitFor(
    async () => expect((await call('GET', '/v1/loyalty/me', { token: body.accessToken })).status).toBe(200),
    { timeout: 5000, interval: 50 },
  );
  return { customerId: body.customer.id, token: body.accessToken, openid: `openid-${code}` };
}

async function launch(token: string, definition: Record<string, unknown>) {
  const created = await call<{ campaignId: string; status: string }>('POST', '/v1/admin/campaigns', {
    token,
    body: definition,
  });
  expect(created.status).toBe(201);
  expect(created.body.status).toBe('draft');
  const active = await call<{ status: string }>(
    'POST',
    `/v1/admin/campaigns/${created.body.campaignId}/status`,
    {
      token,
      body: { action: 'activate' },
    },
  );
  expect(active.body.status).toBe('active');
  return created.body.campaignId;
}

type LedgerPage = { items: { type: string; points: number; source: Record<string, string> }[] };
const ledger = async (token: string) =>
  (await call<LedgerPage>('GET', '/v1/loyalty/me/transactions?limit=50', { token })).body.items;
const balance = async (token: string) =>
  (await call<{ balance: number }>('GET', '/v1/loyalty/me', { token })).body.balance;

/** A signed sale as tills send them: the longest transaction id the POS contract allows. */
const sale = (storeId: string, customerId: string, amount: number, occurredAt: string) => ({
  transactionId: longestPosId('T'),
  storeId,
  occurredAt,
  customer: { customerId },
  amount,
  currency: 'CNY',
  items: [{ sku: 'SKU-1', category: 'fashion', quantity: 1, unitPrice: amount }],
});

/** A campaign window open from a month ago to a year from now. */
const openForAYear = () => ({
  startsAt: programmeDayStart(-30).toISOString(),
  endsAt: programmeDayStart(365).toISOString(),
});

describe('campaigns', () => {
  it('doubles points at store X this weekend (Shanghai time), and nowhere or nowhen else', async () => {
    const saturday = lastWeekendSaturday();
    const monday = hoursAfter(saturday, 48);
    const token = await adminToken();
    const x = await storeWithKey(token);
    const other = await storeWithKey(token);
    const campaignId = await launch(token, {
      name: 'Double points at store X this weekend',
      trigger: { kind: 'purchase' },
      conditions: { stores: [x.storeId], daysOfWeek: [6, 7] },
      effects: {
        bonusPoints: { kind: 'multiplier', factor: 2 },
        message: { title: 'Double points!', body: 'Your weekend at X counts twice.' },
      },
      startsAt: saturday.toISOString(),
      endsAt: monday.toISOString(),
    });
    const { customerId, token: memberToken, openid } = await member();
    await call('PATCH', '/v1/customers/me', { token: memberToken, body: { marketingConsent: true } });
    // Saturday 12:00 and Sunday 23:59 in Shanghai; Monday 00:00 is outside.
    for (const [store, occurredAt] of [
      [x, hoursAfter(saturday, 12).toISOString()],
      [x, hoursAfter(monday, -1 / 60).toISOString()],
      [x, monday.toISOString()],
      [other, hoursAfter(saturday, 12).toISOString()],
    ] as const)
      expect(
        (
          await posCall(
            '/v1/pos/transactions',
            sale(store.storeId, customerId, 12_800, occurredAt),
            store.key,
          )
        ).status,
      ).toBe(202);
    // Base: 4 × 128; bonus: 128 for each weekend sale at X.
    await vi.waitFor(async () => expect(await balance(memberToken)).toBe(4 * 128 + 2 * 128), {
      timeout: 5000,
      interval: 100,
    });
    const bonuses = (await ledger(memberToken)).filter((entry) => entry.type === 'bonus');
    expect(bonuses).toHaveLength(2);
    expect(bonuses.every((entry) => entry.points === 128 && entry.source.campaignId === campaignId)).toBe(
      true,
    );
    const bonusesOnly = await call<LedgerPage>('GET', '/v1/loyalty/me/transactions?type=bonus', {
      token: memberToken,
    });
    expect(bonusesOnly.body.items.map((entry) => [entry.type, entry.points])).toEqual([
      ['bonus', 128],
      ['bonus', 128],
    ]);
    const staffView = await call<LedgerPage>('GET', `/v1/admin/customers/${customerId}/ledger?type=bonus`, {
      token,
    });
    expect(staffView.body.items.map((entry) => entry.type)).toEqual(['bonus', 'bonus']);
    // Each award is told to the other services once: CampaignParticipated and the bonus's PointsEarned.
    const ofCampaign = async (type: string) => {
      const seen = await call<{
        items: {
          'detail-type': string;
          detail: {
            metadata: { eventId: string };
            data: { campaignId?: string; source?: { campaignId?: string } };
          };
        }[];
      }>('GET', '/_local/events');
      return new Set(
        seen.body.items
          .filter(
            (event) =>
              event['detail-type'] === type &&
              (event.detail.data.campaignId ?? event.detail.data.source?.campaignId) === campaignId,
          )
          .map((event) => event.detail.metadata.eventId),
      ).size;
    };
    await vi.waitFor(
      async () => {
        expect(await ofCampaign('CampaignParticipated')).toBe(2);
        expect(await ofCampaign('PointsEarned')).toBe(2);
      },
      { timeout: 3000, interval: 100 },
    );
    const results = await call<{
      results: { participants: number; pointsAwarded: number; participantRevenue: number };
    }>('GET', `/v1/admin/campaigns/${campaignId}`, { token });
    expect(results.body.results).toMatchObject({ participants: 1, pointsAwarded: 256 });
    expect(results.body.results.participantRevenue).toBeGreaterThanOrEqual(2 * 12_800);
    // Two awards, one message: the campaign's message goes to a consenting member once.
    const campaignMessages = async () =>
      (
        await call<{ items: { touser: string; template_id: string }[] }>('GET', '/_local/wechat/messages')
      ).body.items.filter((m) => m.touser === openid && m.template_id === 'local-campaign-template');
    await vi.waitFor(async () => expect(await campaignMessages()).toHaveLength(1), {
      timeout: 3000,
      interval: 100,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await campaignMessages()).toHaveLength(1);
  });

  it('gives 100 bonus points on a first purchase over 200 CNY to the first customers only', async () => {
    const token = await adminToken();
    const store = await storeWithKey(token);
    const campaignId = await launch(token, {
      name: '100 bonus points on first purchase over 200 CNY, first 2 customers',
      trigger: { kind: 'purchase' },
      // The test's own store keeps it apart from other tests; the cap is 2 here instead of 1,000.
      conditions: { stores: [store.storeId], minSpend: 20_000, purchaseNumber: 1 },
      effects: { bonusPoints: { kind: 'fixed', points: 100 } },
      limits: { maxParticipants: 2 },
      ...openForAYear(),
    });
    const now = new Date().toISOString();
    const [a, b, c, d] = await Promise.all([member(), member(), member(), member()]);
    const buy = (who: { customerId: string }, amount: number) =>
      posCall('/v1/pos/transactions', sale(store.storeId, who.customerId, amount, now), store.key);
    await buy(a, 25_000); // first purchase over 200: bonus
    await buy(b, 15_000); // first purchase under 200: none
    await vi.waitFor(async () => expect(await balance(b.token)).toBe(150), { timeout: 5000, interval: 100 });
    await buy(b, 30_000); // over 200 but the second purchase: none
    await buy(c, 50_000); // bonus: the second participant
    await vi.waitFor(async () => expect(await balance(c.token)).toBe(600), { timeout: 5000, interval: 100 });
    await buy(d, 50_000); // the places are taken
    await vi.waitFor(async () => expect(await balance(d.token)).toBe(500), { timeout: 5000, interval: 100 });
    await vi.waitFor(async () => expect(await balance(a.token)).toBe(350), { timeout: 5000, interval: 100 });
    await vi.waitFor(async () => expect(await balance(b.token)).toBe(450), { timeout: 5000, interval: 100 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await balance(d.token)).toBe(500);
    const results = await call<{ results: { participants: number; pointsAwarded: number } }>(
      'GET',
      `/v1/admin/campaigns/${campaignId}`,
      { token },
    );
    expect(results.body.results).toMatchObject({ participants: 2, pointsAwarded: 200 });

    // A dry run explains why a sample purchase would not qualify, base points reckoned by the earning rules.
    type DryRun = { applies: boolean; bonusPoints: number; basePoints: number; checks: Check[] };
    type Check = { condition: string; passed: boolean };
    const dryRun = (body: Record<string, unknown>) =>
      call<DryRun>('POST', `/v1/admin/campaigns/${campaignId}/dry-run`, { token, body });
    const failed = (result: { body: DryRun }) =>
      result.body.checks.filter((check) => !check.passed).map((check) => check.condition);
    const sample = { storeId: store.storeId, amount: 15_000, occurredAt: now, purchaseNumber: 1 };
    const newcomer = await dryRun({ purchase: sample });
    expect(newcomer.body).toMatchObject({ applies: false, bonusPoints: 0, basePoints: 150 });
    expect(failed(newcomer)).toEqual(['minSpend', 'maxParticipants']);
    // A member who takes part already keeps their place; a gold member's base points are half as many again.
    const forA = await dryRun({ customerId: a.customerId, purchase: { ...sample, amount: 25_000 } });
    expect(forA.body).toMatchObject({ applies: true, bonusPoints: 100, basePoints: 250 });
    expect((await dryRun({ customerTier: 'gold', purchase: sample })).body.basePoints).toBe(225);
    const unknownTier = await dryRun({ customerTier: 'diamond', purchase: sample });
    expect(unknownTier.status).toBe(400);
    expect(unknownTier.headers.get('content-type')).toBe('application/problem+json');
    await call('POST', `/v1/admin/campaigns/${campaignId}/status`, { token, body: { action: 'pause' } });
    const paused = await dryRun({ customerId: a.customerId, purchase: { ...sample, amount: 25_000 } });
    expect(failed(paused)).toEqual(['status']);
  });

  it('fires the birthday campaign from its daily schedule, once a year', async () => {
    const token = await adminToken();
    await launch(token, {
      name: 'Happy birthday',
      trigger: { kind: 'birthday' },
      effects: { bonusPoints: { kind: 'fixed', points: 88 } },
      ...openForAYear(),
    });
    const born = await member();
    const twin = await member();
    const notBorn = await member();
    // The birthday two days from today, and the day after it (born in a leap year: any day exists).
    const birthday = programmeDayStart(2);
    const monthDay = (at: Date) => programmeToday(at).slice(5);
    const bornOn = (at: Date) => ({ birthday: `1992-${monthDay(at)}` });
    await call('PATCH', '/v1/customers/me', { token: born.token, body: bornOn(birthday) });
    await call('PATCH', '/v1/customers/me', { token: twin.token, body: bornOn(birthday) });
    await call('PATCH', '/v1/customers/me', { token: notBorn.token, body: bornOn(hoursAfter(birthday, 24)) });
    // The daily run ten minutes into the birthday, Shanghai time.
    const at = hoursAfter(birthday, 1 / 6).toISOString();
    const run = () => call('POST', `/_local/schedules/runBirthdayCampaigns/run?at=${at}`);
    expect((await run()).status).toBe(200);
    expect((await run()).status).toBe(200);
    expect(await balance(born.token)).toBe(88);
    expect(await balance(twin.token)).toBe(88);
    expect(await balance(notBorn.token)).toBe(0);
    const bonus = (await ledger(born.token)).filter((entry) => entry.type === 'bonus');
    expect(bonus).toHaveLength(1);
    expect(bonus[0]!.source.trigger).toBe(`birthday:${programmeToday(birthday).slice(0, 4)}`);
  });

  it('lists visible campaigns to members, lets them join an opt-in one, and keeps staff routes to staff', async () => {
    const token = await adminToken();
    const nowhere = longestStoreId('nowhere');
    const campaignId = await launch(token, {
      name: 'Join for a welcome gift',
      trigger: { kind: 'purchase' },
      conditions: { stores: [nowhere] },
      effects: { bonusPoints: { kind: 'fixed', points: 10 } },
      optIn: true,
      ...openForAYear(),
    });
    const { customerId, token: memberToken } = await member();
    const joinedBy = async () =>
      (
        await call<{ applies: boolean; checks: { condition: string; passed: boolean }[] }>(
          'POST',
          `/v1/admin/campaigns/${campaignId}/dry-run`,
          {
            token,
            body: {
              customerId,
              purchase: { storeId: nowhere, amount: 100, occurredAt: new Date().toISOString() },
            },
          },
        )
      ).body;
    expect(await joinedBy()).toMatchObject({
      applies: false,
      checks: expect.arrayContaining([expect.objectContaining({ condition: 'optIn', passed: false })]),
    });
    const listed = async () =>
      (
        await call<{ items: { campaignId: string; joined: boolean }[] }>('GET', '/v1/campaigns', {
          token: memberToken,
        })
      ).body.items.find((item) => item.campaignId === campaignId);
    expect(await listed()).toMatchObject({ joined: false });
    expect((await call('POST', `/v1/campaigns/${campaignId}/join`, { token: memberToken })).status).toBe(200);
    expect((await call('POST', `/v1/campaigns/${campaignId}/join`, { token: memberToken })).status).toBe(200);
    expect(await listed()).toMatchObject({ joined: true });
    expect((await joinedBy()).applies).toBe(true);
    const results = await call<{ results: { participants: number } }>(
      'GET',
      `/v1/admin/campaigns/${campaignId}`,
      { token },
    );
    expect(results.body.results.participants).toBe(1);
    expect((await call('GET', '/v1/admin/campaigns', { token: memberToken })).status).toBe(403);
    expect((await call('POST', '/v1/admin/campaigns', { token, body: { name: 'x' } })).status).toBe(400);
  });
});
