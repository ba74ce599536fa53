// Campaign lift over HTTP: a purchase campaign holding out 10% of its members gives the held-out ones
// nothing, and the campaigns report, run on the local cloud's archive, measures the treated members'
// revenue against theirs with a 95% interval, which this test computes on its own from the sales it made.
import { describe, expect, it, vi } from 'vitest';
import { programmeToday } from '../../lib/calendar';
import { isHeldOut } from '../../lib/campaigns/holdout';
import { programmeDayStart } from '../support/calendar';
import { call, login, longestPosId, longestStoreId, uniqueCode } from '../support/http';
import { posCall } from '../support/pos';

const HOLDOUT_PERCENT = 10;

const adminToken = async () =>
  (
    await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    })
  ).body.accessToken;

async function member() {
  const { body } = await login(uniqueCode('lift'));
  await vi.waitFor(
    async () => expect((await call('GET', '/v1/loyalty/me', { token: body.accessToken })).status).toBe(200),
    { timeout: 10_000, interval: 100 },
  );
  return body.customer.id;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const sampleVariance = (values: number[]) => {
  const average = mean(values);
  return values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1);
};

describe('campaign lift', () => {
  it('compares the revenue of treated members with the held-out ones, with a 95% interval', async () => {
    const admin = await adminToken();
    const storeId = longestStoreId('lift');
    await call('POST', '/v1/admin/stores', { token: admin, body: { storeId, name: 'Lift store' } });
    const key = (
      await call<{ keyId: string; secret: string }>('POST', `/v1/admin/stores/${storeId}/pos-keys`, {
        token: admin,
      })
    ).body;
    const created = await call<{ campaignId: string }>('POST', '/v1/admin/campaigns', {
      token: admin,
      body: {
        name: 'Ten bonus points a purchase, with a control group',
        trigger: { kind: 'purchase' },
        conditions: { stores: [storeId] },
        effects: { bonusPoints: { kind: 'fixed', points: 10 } },
        holdoutPercent: HOLDOUT_PERCENT,
        startsAt: programmeDayStart(-1).toISOString(),
        endsAt: programmeDayStart(30).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const { campaignId } = created.body;
    await call('POST', `/v1/admin/campaigns/${campaignId}/status`, {
      token: admin,
      body: { action: 'activate' },
    });

    // Members until both groups have three: the hash decides, as it will for the campaign.
    const sales = { treated: [] as number[], heldOut: [] as number[] };
    const firstSaleOn = programmeToday(new Date());
    const customers: string[] = [];
    while (sales.heldOut.length < 3 || sales.treated.length < 3) {
      const batch = await Promise.all(Array.from({ length: 8 }, member));
      for (const customerId of batch) {
        const amount = 5_000 + 700 * customers.length;
        customers.push(customerId);
        const sold = await posCall(
          '/v1/pos/transactions',
          {
            transactionId: longestPosId('T'),
            storeId,
            occurredAt: new Date().toISOString(),
            customer: { customerId },
            amount,
            currency: 'CNY',
            items: [{ sku: 'SKU-1', category: 'fashion', quantity: 1, unitPrice: amount }],
          },
          key,
        );
        expect(sold.status).toBe(202);
        (isHeldOut(campaignId, customerId, HOLDOUT_PERCENT) ? sales.heldOut : sales.treated).push(amount);
      }
    }

    // Every member took part: awarded, or recorded as held out and given nothing.
    await vi.waitFor(
      async () => {
        const events = await call<{
          items: { 'detail-type': string; detail: { data: { campaignId?: string; kind?: string } } }[];
        }>('GET', '/_local/events');
        const ofCampaign = events.body.items.filter(
          (event) =>
            event['detail-type'] === 'CampaignParticipated' && event.detail.data.campaignId === campaignId,
        );
        expect(ofCampaign.filter((event) => event.detail.data.kind === 'held-out')).toHaveLength(
          sales.heldOut.length,
        );
        expect(ofCampaign.filter((event) => event.detail.data.kind === 'awarded')).toHaveLength(
          sales.treated.length,
        );
      },
      { timeout: 30_000, interval: 250 },
    );

    // Every sale and award made, from the first sale's day to now (the same day, unless past midnight).
    const asked = await call<{ reportId: string }>('POST', '/v1/admin/reports', {
      token: admin,
      body: { report: 'campaigns', from: firstSaleOn, to: programmeToday(new Date()), storeIds: [storeId] },
    });
    expect(asked.status).toBe(202);
    let run: { status: string; columns: { name: string }[]; rows: (string | number | null)[][] } | undefined;
    await vi.waitFor(
      async () => {
        run = (
          await call<NonNullable<typeof run>>('GET', `/v1/admin/reports/${asked.body.reportId}`, {
            token: admin,
          })
        ).body;
        expect(run.status).toBe('succeeded');
      },
      { timeout: 30_000, interval: 200 },
    );
    const rows = run!.rows.map((row) =>
      Object.fromEntries(run!.columns.map((column, i) => [column.name, row[i]])),
    );
    const row = rows.find((candidate) => candidate.campaign_id === campaignId)!;

    const lift = mean(sales.treated) - mean(sales.heldOut);
    const margin =
      1.96 *
      Math.sqrt(
        sampleVariance(sales.treated) / sales.treated.length +
          sampleVariance(sales.heldOut) / sales.heldOut.length,
      );
    expect(row).toMatchObject({
      awards: sales.treated.length,
      points_cost: 10 * sales.treated.length,
      treated_members: sales.treated.length,
      held_out_members: sales.heldOut.length,
      participant_revenue_fen: sales.treated.reduce((sum, amount) => sum + amount, 0),
    });
    const near = (value: unknown, expected: number) => expect(Number(value)).toBeCloseTo(expected, 0);
    near(row.treated_revenue_per_member_fen, mean(sales.treated));
    near(row.held_out_revenue_per_member_fen, mean(sales.heldOut));
    near(row.lift_fen, lift);
    near(row.lift_ci_low_fen, lift - margin);
    near(row.lift_ci_high_fen, lift + margin);
  }, 120_000);
});
