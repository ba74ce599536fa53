// The audit trail over HTTP as an admin reads it: what staff did to business objects, named as they are,
// and who did it, by name and email.
import { describe, expect, it } from 'vitest';
import { call, longestStoreId, uniqueCode } from '../support/http';

const ADMIN = { email: 'admin@sbm.local', password: 'e2e-admin-password' };

interface Entry {
  action: string;
  target: string;
  actor: string;
  actorKind: string;
  actorName?: string;
  actorEmail?: string;
  after?: Record<string, unknown>;
}

describe('the audit trail', () => {
  it("shows a new reward's and store's real names, and the admin who made them by name and email", async () => {
    const signIn = await call<{ accessToken: string; staff: { id: string } }>(
      'POST',
      '/v1/admin/auth/login',
      {
        body: ADMIN,
      },
    );
    expect(signIn.status).toBe(200);
    const token = signIn.body.accessToken;
    const rewardName = `Coffee for two ${uniqueCode('r')}`;
    const reward = await call<{ id: string }>('POST', '/v1/admin/rewards', {
      token,
      body: { name: rewardName, type: 'coupon', pointsCost: 100, stock: 50 },
    });
    expect(reward.status).toBe(201);
    const storeId = longestStoreId('audited');
    const store = await call('POST', '/v1/admin/stores', {
      token,
      body: { storeId, name: '星巴克 B1-017' },
    });
    expect(store.status).toBe(201);

    const byTarget = await call<{ items: Entry[] }>(
      'GET',
      `/v1/admin/audit?target=reward:${reward.body.id}`,
      {
        token,
      },
    );
    expect(byTarget.status).toBe(200);
    expect(byTarget.body.items).toEqual([
      expect.objectContaining({
        action: 'reward.create',
        actor: signIn.body.staff.id,
        actorKind: 'staff',
        actorName: 'Demo Admin',
        actorEmail: ADMIN.email,
        after: expect.objectContaining({ id: reward.body.id, name: rewardName }),
      }),
    ]);

    // The admin's own actions, found by the email they sign in with, typed in capitals.
    const byEmail = await call<{ items: Entry[] }>(
      'GET',
      `/v1/admin/audit?actor=${encodeURIComponent(ADMIN.email.toUpperCase())}&action=store.create&limit=200`,
      { token },
    );
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.items.find((entry) => entry.target === `store:${storeId}`)).toMatchObject({
      actorName: 'Demo Admin',
      actorEmail: ADMIN.email,
      after: { storeId, name: '星巴克 B1-017' },
    });

    // And by the name the staff list holds, in any case.
    const byName = await call<{ items: Entry[] }>(
      'GET',
      `/v1/admin/audit?actor=${encodeURIComponent('demo admin')}&action=store.create&limit=200`,
      { token },
    );
    expect(byName.status).toBe(200);
    expect(byName.body.items.find((entry) => entry.target === `store:${storeId}`)).toMatchObject({
      actorName: 'Demo Admin',
    });
  });

  it('keeps a report download as analytics.export on the report, and a malformed one not at all', async () => {
    const signIn = await call<{ accessToken: string; staff: { id: string } }>(
      'POST',
      '/v1/admin/auth/login',
      {
        body: ADMIN,
      },
    );
    const token = signIn.body.accessToken;
    // A row count no other download has, to find this one by.
    const rows = 100_000 + Math.floor(Math.random() * 800_000);
    const downloads = async () =>
      (
        await call<{ items: Entry[] }>(
          'GET',
          '/v1/admin/audit?target=report:daily-sales&action=analytics.export&limit=200',
          { token },
        )
      ).body.items.filter((entry) => entry.after?.rows === rows || entry.after?.rows === rows + 1);

    for (const body of [
      { report: 'daily-sales', from: '2026-11-30', to: '2026-11-01', rows },
      { report: 'every-member', from: '2026-11-01', to: '2026-11-30', rows },
      { report: 'daily-sales', from: '2026-11-01', to: '2026-11-30', rows: -1 },
      { report: 'daily-sales', from: '2026-11-01', to: '2026-11-30', rows, figures: [1] },
    ]) {
      const refused = await call<{ code: string }>('POST', '/v1/admin/analytics/exports', { token, body });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await downloads()).toEqual([]);

    const recorded = await call('POST', '/v1/admin/analytics/exports', {
      token,
      body: { report: 'daily-sales', from: '2026-11-01', to: '2026-11-30', rows },
    });
    expect(recorded.status).toBe(204);
    // Each download is its own entry: saving the file again is another download.
    const again = await call('POST', '/v1/admin/analytics/exports', {
      token,
      body: { report: 'daily-sales', from: '2026-11-30', to: '2026-11-30', rows: rows + 1 },
    });
    expect(again.status).toBe(204);
    expect(await downloads()).toEqual([
      expect.objectContaining({
        action: 'analytics.export',
        target: 'report:daily-sales',
        actor: signIn.body.staff.id,
        after: { from: '2026-11-30', to: '2026-11-30', rows: rows + 1 },
      }),
      expect.objectContaining({ after: { from: '2026-11-01', to: '2026-11-30', rows } }),
    ]);
  });
});
