// Joining opt-in campaigns over HTTP: members who fail a campaign's conditions about them take no place.
import { describe, expect, it, vi } from 'vitest';
import { programmeDayStart } from '../support/calendar';
import { call, login, longestPosId, longestStoreId, uniqueCode } from '../support/http';
import { posCall } from '../support/pos';

const adminToken = async () =>
  (
    await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    })
  ).body.accessToken;

async function member() {
  const { body } = await login(uniqueCode('joiner'));
  await vi.waitFor(
    async () => expect((await call('GET', '/v1/loyalty/me', { token: body.accessToken })).status).toBe(200),
    { timeout: 5000, interval: 50 },
  );
  return { customerId: body.customer.id, token: body.accessToken };
}

async function launch(token: string, definition: Record<string, unknown>) {
  const created = await call<{ campaignId: string }>('POST', '/v1/admin/campaigns', {
    token,
    body: {
      optIn: true,
      startsAt: programmeDayStart(-1).toISOString(),
      endsAt: programmeDayStart(365).toISOString(),
      ...definition,
    },
  });
  expect(created.status).toBe(201);
  const activated = await call('POST', `/v1/admin/campaigns/${created.body.campaignId}/status`, {
    token,
    body: { action: 'activate' },
  });
  expect(activated.status).toBe(200);
  return created.body.campaignId;
}

const join = (campaignId: string, token: string) =>
  call<{ code?: string; errors?: { field: string; message: string }[]; joined?: boolean }>(
    'POST',
    `/v1/campaigns/${campaignId}/join`,
    { token },
  );
const participants = async (campaignId: string, token: string) =>
  (await call<{ results: { participants: number } }>('GET', `/v1/admin/campaigns/${campaignId}`, { token }))
    .body.results.participants;

describe('joining an opt-in campaign', () => {
  it('refuses bronze members a platinum-only campaign, so they cannot fill its places, and admits a platinum one', async () => {
    const admin = await adminToken();
    const storeId = longestStoreId('platinum');
    const campaignId = await launch(admin, {
      name: 'Platinum lounge evening',
      trigger: { kind: 'purchase' },
      conditions: { tiers: ['platinum'], stores: [longestStoreId('lounge')] },
      effects: { bonusPoints: { kind: 'fixed', points: 10 } },
      limits: { maxParticipants: 3 },
    });
    const bronze = await Promise.all([member(), member(), member()]);
    const refusals = await Promise.all(bronze.map((m) => join(campaignId, m.token)));
    for (const refusal of refusals) {
      expect(refusal.status).toBe(403);
      expect(refusal.body.code).toBe('CAMPAIGN_NOT_ELIGIBLE');
      expect(refusal.body.errors).toEqual([{ field: 'tiers', message: 'tier bronze in [platinum]' }]);
    }
    expect(await participants(campaignId, admin)).toBe(0);
    const listed = await call<{ items: { campaignId: string; joined: boolean }[] }>('GET', '/v1/campaigns', {
      token: bronze[0]!.token,
    });
    expect(listed.body.items.find((item) => item.campaignId === campaignId)?.joined).toBe(false);

    // A member who reached platinum takes a place.
    await call('POST', '/v1/admin/stores', { token: admin, body: { storeId, name: 'Platinum store' } });
    const key = await call<{ keyId: string; secret: string }>(
      'POST',
      `/v1/admin/stores/${storeId}/pos-keys`,
      {
        token: admin,
      },
    );
    const platinum = await member();
    const bigSale = {
      transactionId: longestPosId('T'),
      storeId,
      occurredAt: new Date().toISOString(),
      customer: { customerId: platinum.customerId },
      amount: 2_000_000,
      currency: 'CNY',
      items: [],
    };
    expect((await posCall('/v1/pos/transactions', bigSale, key.body)).status).toBe(202);
    await vi.waitFor(
      async () =>
        expect(
          (await call<{ tier: { code: string } }>('GET', '/v1/loyalty/me', { token: platinum.token })).body
            .tier.code,
        ).toBe('platinum'),
      { timeout: 5000, interval: 50 },
    );
    const joined = await join(campaignId, platinum.token);
    expect(joined.status).toBe(200);
    expect(joined.body.joined).toBe(true);
    expect((await join(campaignId, platinum.token)).status).toBe(200);
    expect(await participants(campaignId, admin)).toBe(1);
  });

  it("refuses a member outside a blast's segment, naming each rule they fail", async () => {
    const admin = await adminToken();
    const campaignId = await launch(admin, {
      name: 'Big spenders preview',
      trigger: {
        kind: 'blast',
        at: programmeDayStart(300).toISOString(),
        segment: { minBalance: 5000, tiers: ['gold', 'platinum'] },
      },
      effects: { message: { title: 'Preview', body: 'Early access for our best members' } },
      limits: { maxParticipants: 2 },
    });
    const newcomer = await member();
    const refusal = await join(campaignId, newcomer.token);
    expect(refusal.status).toBe(403);
    expect(refusal.body).toMatchObject({
      code: 'CAMPAIGN_NOT_ELIGIBLE',
      errors: [
        { field: 'segment.tiers', message: 'tier bronze in [gold, platinum]' },
        { field: 'segment.minBalance', message: 'balance 0, at least 5000' },
      ],
    });
    expect(await participants(campaignId, admin)).toBe(0);
  });
});
