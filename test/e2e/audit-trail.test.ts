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
});
