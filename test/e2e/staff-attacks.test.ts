// Attacks on staff access over HTTP, as they were reproduced against the platform: a store manager with a
// second role acting for every store, a demoted or deactivated admin whose cached token still worked, and
// a stranger locking a staff member out with wrong passwords.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, longestStoreId, uniqueCode } from '../support/http';

const signIn = (email: string, password: string) =>
  call<{ accessToken: string; staff: { id: string } }>('POST', '/v1/admin/auth/login', {
    body: { email, password },
  });
/** The demo admin's token, signed in once for the file: every sign-in is a deliberately slow hash. */
let adminSession: Promise<string> | undefined;
const adminToken = () =>
  (adminSession ??= signIn('admin@sbm.local', 'e2e-admin-password').then(
    (session) => session.body.accessToken,
  ));

async function staffMember(admin: string, roles: string[], storeIds: string[] = []) {
  const email = `${uniqueCode('staff')}@sbm.local`;
  const password = `pw-${randomUUID()}`;
  const created = await call<{ id: string }>('POST', '/v1/admin/staff', {
    token: admin,
    body: { email, name: 'Test Staff', roles, storeIds, password },
  });
  expect(created.status).toBe(201);
  const session = await signIn(email, password);
  expect(session.status).toBe(200);
  return { id: created.body.id, email, password, token: session.body.accessToken };
}

const newAdminBody = () => ({
  email: `${uniqueCode('usurper')}@sbm.local`,
  name: 'Usurper',
  roles: ['admin'],
  password: `pw-${randomUUID()}`,
});

describe('a store manager with a second role', () => {
  it('still acts only for their own stores where only the store role grants the permission', async () => {
    const admin = await adminToken();
    const storeTwo = longestStoreId('two');
    expect(
      (await call('POST', '/v1/admin/stores', { token: admin, body: { storeId: storeTwo, name: 'Two' } }))
        .status,
    ).toBe(201);
    const manager = await staffMember(admin, ['store_manager', 'analyst'], ['demo-store']);

    const foreignKey = await call<{ secret?: string }>('POST', `/v1/admin/stores/${storeTwo}/pos-keys`, {
      token: manager.token,
    });
    expect(foreignKey.status).toBe(403);
    expect(foreignKey.body.secret).toBeUndefined();
    expect(
      (await call('POST', '/v1/admin/stores/demo-store/pos-keys', { token: manager.token })).status,
    ).toBe(201);
    expect((await call('GET', '/v1/admin/pos/dead-letters', { token: manager.token })).status).toBe(403);
    expect((await call('POST', '/v1/admin/pos/dead-letters/redrive', { token: manager.token })).status).toBe(
      403,
    );
    const stores = await call<{ items: { storeId: string }[] }>('GET', '/v1/admin/stores', {
      token: manager.token,
    });
    expect(stores.body.items.map((store) => store.storeId)).toEqual(['demo-store']);
    const unmatched = await call<{ items: { transaction: { storeId: string } }[] }>(
      'GET',
      '/v1/admin/pos/unmatched',
      { token: manager.token },
    );
    expect(unmatched.status).toBe(200);
    expect(unmatched.body.items.filter((item) => item.transaction.storeId !== 'demo-store')).toEqual([]);
    // Analytics are the analyst role's own, for every store; the second role takes nothing away.
    expect((await call('GET', '/v1/admin/analytics/points-liability', { token: manager.token })).status).toBe(
      200,
    );
  });
});

describe("an admin's authority", () => {
  it('ends at once for staff management when the admin is demoted, though the token is still cached', async () => {
    const admin = await adminToken();
    const demoted = await staffMember(admin, ['admin']);
    // The token works, and the gateway now has the authorizer's answer for it in its cache.
    expect(
      (await call('POST', '/v1/admin/staff', { token: demoted.token, body: newAdminBody() })).status,
    ).toBe(201);
    const storeId = longestStoreId('demoted');
    expect(
      (await call('POST', '/v1/admin/stores', { token: admin, body: { storeId, name: 'Demoted' } })).status,
    ).toBe(201);
    expect(
      (
        await call('PUT', `/v1/admin/staff/${demoted.id}/roles`, {
          token: admin,
          body: { roles: ['analyst'] },
        })
      ).status,
    ).toBe(200);
    const usurp = await call('POST', '/v1/admin/staff', { token: demoted.token, body: newAdminBody() });
    expect(usurp.status).toBe(403);
    expect(usurp.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (
        await call('PUT', `/v1/admin/staff/${demoted.id}/roles`, {
          token: demoted.token,
          body: { roles: ['admin'] },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call('POST', `/v1/admin/stores/${storeId}/pos-keys`, { token: demoted.token })).status,
    ).toBe(403);
  });

  it('ends at once for staff management when the admin is deactivated, though the token is still cached', async () => {
    const admin = await adminToken();
    const leaver = await staffMember(admin, ['admin']);
    expect((await call('GET', '/v1/admin/audit?limit=1', { token: leaver.token })).status).toBe(200);
    expect((await call('POST', `/v1/admin/staff/${leaver.id}/deactivate`, { token: admin })).status).toBe(
      200,
    );
    const usurp = await call('POST', '/v1/admin/staff', { token: leaver.token, body: newAdminBody() });
    expect(usurp.status).toBe(401);
    expect(usurp.body).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await call('POST', `/v1/admin/staff/${leaver.id}/unlock`, { token: leaver.token })).status).toBe(
      401,
    );
  });
});

describe('sign-in lockout', () => {
  it(
    'refuses the guessing source, and lets an admin (only) lift the lock, audited',
    { timeout: 60_000 },
    async () => {
      const admin = await adminToken();
      const target = await staffMember(admin, ['analyst']);
      for (let attempt = 0; attempt < 5; attempt++)
        expect((await signIn(target.email, 'guess-123456')).status).toBe(401);
      const locked = await signIn(target.email, target.password);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(locked.body).toMatchObject({ code: 'TOO_MANY_LOGIN_ATTEMPTS' });

      const analyst = await staffMember(admin, ['analyst']);
      expect(
        (await call('POST', `/v1/admin/staff/${target.id}/unlock`, { token: analyst.token })).status,
      ).toBe(403);
      expect(
        (await call('POST', `/v1/admin/staff/${uniqueCode('nobody')}/unlock`, { token: admin })).status,
      ).toBe(404);
      const unlocked = await call('POST', `/v1/admin/staff/${target.id}/unlock`, { token: admin });
      expect(unlocked).toMatchObject({ status: 200, body: { id: target.id, failuresCleared: 5 } });
      expect((await signIn(target.email, target.password)).status).toBe(200);
      const audit = await call<{ items: { action: string; before?: unknown }[] }>(
        'GET',
        `/v1/admin/audit?target=staff:${target.id}&action=staff.unlock`,
        { token: admin },
      );
      expect(audit.body.items).toEqual([
        expect.objectContaining({ action: 'staff.unlock', before: { failures: 5 } }),
      ]);
    },
  );
});
