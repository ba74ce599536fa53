// Stores over HTTP: a store manager reaches their own stores only, and a deactivated store's keys are
// refused at once, audited.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, login, longestStoreId, uniqueCode } from '../support/http';
import { posCall } from '../support/pos';

const signIn = async (email: string, password: string) =>
  (
    await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email, password },
    })
  ).body.accessToken;

const adminToken = () => signIn('admin@sbm.local', 'e2e-admin-password');

async function storeManager(admin: string, storeIds: string[]) {
  const email = `${uniqueCode('manager')}@sbm.local`;
  const password = `pw-${randomUUID()}`;
  const created = await call('POST', '/v1/admin/staff', {
    token: admin,
    body: { email, name: 'Store Manager', roles: ['store_manager'], storeIds, password },
  });
  expect(created.status).toBe(201);
  return signIn(email, password);
}

async function newStore(admin: string, label: string) {
  const storeId = longestStoreId(label);
  const created = await call('POST', '/v1/admin/stores', { token: admin, body: { storeId, name: label } });
  expect(created.status).toBe(201);
  return storeId;
}

type Issued = { keyId: string; secret: string };

const sale = (storeId: string, customerId: string) => ({
  transactionId: uniqueCode('T'),
  storeId,
  occurredAt: new Date().toISOString(),
  customer: { customerId },
  amount: 1000,
  currency: 'CNY',
  items: [],
});

describe('a store manager', () => {
  it("reads and manages the keys of their store, and gets 403 for every route of another's", async () => {
    const admin = await adminToken();
    const [theirs, other] = [await newStore(admin, 'mine'), await newStore(admin, 'other')];
    const otherKey = (await call<Issued>('POST', `/v1/admin/stores/${other}/pos-keys`, { token: admin }))
      .body;
    const manager = await storeManager(admin, [theirs]);

    const listed = await call<{ items: { storeId: string }[]; nextCursor: null }>('GET', '/v1/admin/stores', {
      token: manager,
    });
    expect(listed.body).toEqual({
      items: [expect.objectContaining({ storeId: theirs, active: true })],
      nextCursor: null,
    });
    expect((await call('GET', `/v1/admin/stores/${theirs}`, { token: manager })).status).toBe(200);
    const issued = await call<Issued>('POST', `/v1/admin/stores/${theirs}/pos-keys`, { token: manager });
    expect(issued.status).toBe(201);
    const keys = await call<{ items: { keyId: string; state: string }[] }>(
      'GET',
      `/v1/admin/stores/${theirs}/pos-keys`,
      { token: manager },
    );
    expect(keys.body.items).toEqual([expect.objectContaining({ keyId: issued.body.keyId, state: 'active' })]);
    expect(JSON.stringify(keys.body)).not.toContain(issued.body.secret);

    const refusals = await Promise.all([
      call('GET', `/v1/admin/stores/${other}`, { token: manager }),
      call('GET', `/v1/admin/stores/${other}/pos-keys`, { token: manager }),
      call('POST', `/v1/admin/stores/${other}/pos-keys`, { token: manager }),
      call('POST', `/v1/admin/pos-keys/${otherKey.keyId}/rotate`, { token: manager }),
      call('POST', `/v1/admin/pos-keys/${otherKey.keyId}/revoke`, { token: manager }),
      // Not even whether a store exists is told: an unknown store is refused the same way.
      call('GET', `/v1/admin/stores/${longestStoreId('nowhere')}`, { token: manager }),
    ]);
    expect(refusals.map((answer) => [answer.status, answer.body.code])).toEqual(
      Array.from({ length: 6 }, () => [403, 'FORBIDDEN']),
    );
    // Renaming and deactivating are for staff of every store.
    for (const [method, path, body] of [
      ['PATCH', `/v1/admin/stores/${theirs}`, { name: 'Renamed' }],
      ['POST', `/v1/admin/stores/${theirs}/deactivate`, undefined],
    ] as const)
      expect((await call(method, path, { token: manager, body })).status).toBe(403);
    const otherKeys = await call<{ items: { state: string }[] }>(
      'GET',
      `/v1/admin/stores/${other}/pos-keys`,
      {
        token: admin,
      },
    );
    expect(otherKeys.body.items.map((key) => key.state)).toEqual(['active']);
  });
});

describe('deactivating a store', () => {
  it('stops its keys at once with 401 POS_SIGNATURE_INVALID, issues it no more, and is audited', async () => {
    const admin = await adminToken();
    const storeId = await newStore(admin, 'closing');
    const key = (await call<Issued>('POST', `/v1/admin/stores/${storeId}/pos-keys`, { token: admin })).body;
    const member = await login(uniqueCode('shopper'));
    const customerId = member.body.customer.id;
    expect((await posCall('/v1/pos/transactions', sale(storeId, customerId), key)).status).toBe(202);

    const renamed = await call('PATCH', `/v1/admin/stores/${storeId}`, {
      token: admin,
      body: { name: 'Closing soon' },
    });
    expect(renamed.body).toMatchObject({ storeId, name: 'Closing soon', active: true });
    const deactivated = await call('POST', `/v1/admin/stores/${storeId}/deactivate`, { token: admin });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ storeId, name: 'Closing soon', active: false });

    const refused = await posCall('/v1/pos/transactions', sale(storeId, customerId), key);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('POS_SIGNATURE_INVALID');
    const again = await call('POST', `/v1/admin/stores/${storeId}/pos-keys`, { token: admin });
    expect([again.status, again.body.code]).toEqual([409, 'STORE_INACTIVE']);
    expect(
      (await call('PATCH', `/v1/admin/stores/${storeId}`, { token: admin, body: { name: ' ' } })).status,
    ).toBe(400);

    const audit = await call<{ items: { action: string; before?: unknown; after?: unknown }[] }>(
      'GET',
      `/v1/admin/audit?target=store:${storeId}`,
      { token: admin },
    );
    expect(audit.body.items.map((entry) => entry.action).sort()).toEqual([
      'store.create',
      'store.deactivate',
      'store.rename',
    ]);
    expect(audit.body.items.find((entry) => entry.action === 'store.deactivate')).toMatchObject({
      before: { active: true },
      after: { active: false },
    });
  });
});
