// Reports over HTTP against the local cloud: a till's sale reaches the event archive, and the sales and
// points reports run on DuckDB give its figures for its store, as JSON and as a CSV file; a store
// manager of another store cannot ask for it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { programmeToday } from '../../lib/calendar';
import { call, cloudUrl, login, longestStoreId, uniqueCode } from '../support/http';
import { posCall } from '../support/pos';

const signIn = async (email: string, password: string) =>
  (await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', { body: { email, password } })).body
    .accessToken;

type Run = {
  reportId: string;
  status: string;
  columns: { name: string; type: string }[];
  rows: (string | number | null)[][];
  storeIds: string[] | null;
  storeNames: Record<string, string>;
};

/** Asks for a report and reads it once it has run, as rows keyed by column. */
async function report(token: string, request: Record<string, unknown>) {
  const asked = await call<{ reportId: string; reused: boolean }>('POST', '/v1/admin/reports', {
    token,
    body: request,
  });
  expect(asked.status).toBe(202);
  expect(asked.headers.get('location')).toBe(`/v1/admin/reports/${asked.body.reportId}`);
  let run: Run | undefined;
  await vi.waitFor(
    async () => {
      run = (await call<Run>('GET', `/v1/admin/reports/${asked.body.reportId}`, { token })).body;
      expect(run.status).toMatch(/succeeded|failed/);
    },
    { timeout: 30_000, interval: 200 },
  );
  expect(run!.status).toBe('succeeded');
  const rows = run!.rows.map((row) =>
    Object.fromEntries(run!.columns.map((column, i) => [column.name, row[i]])),
  );
  return { reportId: asked.body.reportId, rows, run: run! };
}

describe('reports over the event archive', () => {
  it("give a till's sale in its store's sales and points, as JSON and CSV, to staff who may see them", async () => {
    const admin = await signIn('admin@sbm.local', 'e2e-admin-password');
    const storeId = longestStoreId('rpt');
    expect(
      (await call('POST', '/v1/admin/stores', { token: admin, body: { storeId, name: 'Report store' } }))
        .status,
    ).toBe(201);
    const key = (
      await call<{ keyId: string; secret: string }>('POST', `/v1/admin/stores/${storeId}/pos-keys`, {
        token: admin,
      })
    ).body;
    const member = (await login(uniqueCode('reports'))).body;
    const transactionId = uniqueCode('T');
    const soldAt = new Date();
    const sold = await posCall(
      '/v1/pos/transactions',
      {
        transactionId,
        storeId,
        occurredAt: soldAt.toISOString(),
        customer: { customerId: member.customer.id },
        amount: 12_800,
        currency: 'CNY',
        items: [{ sku: 'SKU-1', quantity: 1, unitPrice: 12_800, category: 'fashion' }],
      },
      key,
    );
    expect(sold.status).toBe(202);
    // The sale is credited, then told as events, which the local cloud archives as Firehose would.
    let pointsEarned = 0;
    await vi.waitFor(
      async () => {
        const events = await call<{
          items: { 'detail-type': string; detail: { data: Record<string, unknown> } }[];
        }>('GET', '/_local/events');
        const earned = events.body.items.find(
          (event) =>
            event['detail-type'] === 'PointsEarned' &&
            (event.detail.data.source as { transactionId?: string } | undefined)?.transactionId ===
              transactionId,
        );
        expect(earned).toBeDefined();
        expect(
          events.body.items.some(
            (event) =>
              event['detail-type'] === 'PurchaseRecorded' &&
              event.detail.data.transactionId === transactionId,
          ),
        ).toBe(true);
        pointsEarned = earned!.detail.data.points as number;
      },
      { timeout: 20_000, interval: 200 },
    );

    // A sale counts on the day it happened, its points on the day they were credited (the next, past midnight).
    const today = programmeToday(soldAt);
    const credited = programmeToday(new Date());
    const sales = await report(admin, { report: 'sales', from: today, to: today, storeIds: [storeId] });
    expect(sales.run.storeIds).toEqual([storeId]);
    expect(sales.run.storeNames).toEqual({ [storeId]: 'Report store' });
    expect(sales.rows.find((row) => row.category === null)).toMatchObject({
      period: today,
      store_id: storeId,
      purchases: 1,
      revenue_fen: 12_800,
      average_basket_fen: 12_800,
    });
    const points = await report(admin, { report: 'points', from: today, to: credited, storeIds: [storeId] });
    expect(points.rows[0]).toMatchObject({ period: today });
    expect(points.rows.reduce((sum, row) => sum + Number(row.issued), 0)).toBe(pointsEarned);
    expect(points.rows.every((row) => row.reversed === 0)).toBe(true);

    // The same parameters within the cache time answer the same run.
    const again = await call<{ reportId: string; reused: boolean }>('POST', '/v1/admin/reports', {
      token: admin,
      body: { report: 'points', from: today, to: credited, storeIds: [storeId] },
    });
    expect(again.body).toMatchObject({ reportId: points.reportId, reused: true });

    const file = await fetch(`${cloudUrl()}/v1/admin/reports/${sales.reportId}`, {
      headers: { authorization: `Bearer ${admin}`, accept: 'text/csv' },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="sales-${today}-${today}.csv"`,
    );
    // UTF-8 with a byte-order mark (Excel reads Chinese by it; fetch's text() drops it, so read the bytes).
    const bytes = Buffer.from(await file.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.startsWith('period,store_id,category,purchases,revenue_fen')).toBe(true);
    expect(csv).toContain(`${today},${storeId},,1,12800`);

    // A store manager of another store may not ask for this one, nor read what the admin ran.
    const email = `${uniqueCode('manager')}@sbm.local`;
    const password = `pw-${randomUUID()}`;
    const otherStore = longestStoreId('rpt-other');
    await call('POST', '/v1/admin/stores', {
      token: admin,
      body: { storeId: otherStore, name: 'Other store' },
    });
    await call('POST', '/v1/admin/staff', {
      token: admin,
      body: { email, name: 'Manager', roles: ['store_manager'], storeIds: [otherStore], password },
    });
    const manager = await signIn(email, password);
    const refused = await call('POST', '/v1/admin/reports', {
      token: manager,
      body: { report: 'sales', from: today, to: today, storeIds: [storeId] },
    });
    expect(refused.status).toBe(403);
    expect((await call('GET', `/v1/admin/reports/${sales.reportId}`, { token: manager })).status).toBe(404);
    const theirs = await report(manager, { report: 'sales', from: today, to: today });
    expect(theirs.run.storeIds).toEqual([otherStore]);
    expect(theirs.rows.every((row) => row.store_id === otherStore)).toBe(true);
  });
});
