// Staff roles over HTTP: what a support agent and a store manager may do, and what they may not.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, login, longestStoreId, uniqueCode } from '../support/http';

const signIn = async (email: string, password: string) =>
  call<{ accessToken: string; refreshToken: string; staff: { roles: string[] } }>(
    'POST',
    '/v1/admin/auth/login',
    { body: { email, password } },
  );

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
  return { id: created.body.id, ...session.body };
}

describe('staff access', () => {
  it('lets support adjust points but not manage stores, and keeps the password out of the audit trail', async () => {
    const admin = (await signIn('admin@sbm.local', 'e2e-admin-password')).body.accessToken;
    const support = await staffMember(admin, ['support']);
    const member = await login(uniqueCode('cared-for'));
    const adjust = await call('POST', '/v1/admin/loyalty/adjustments', {
      token: support.accessToken,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        customerId: member.body.customer.id,
        points: 10,
        reasonCode: 'service-recovery',
        note: 'Lost receipt',
      },
    });
    // The member's account may still be opening: 201 or 404 both mean the route let support in.
    expect([201, 404]).toContain(adjust.status);
    const store = await call('POST', '/v1/admin/stores', {
      token: support.accessToken,
      body: { storeId: uniqueCode('s').toLowerCase(), name: 'Nope' },
    });
    expect(store.status).toBe(403);
    expect(store.body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('GET', '/v1/admin/audit', { token: support.accessToken })).status).toBe(403);

    expect(
      (
        await call('POST', `/v1/admin/staff/${support.id}/password`, {
          token: admin,
          body: { password: `pw-${randomUUID()}` },
        })
      ).status,
    ).toBe(204);
    const audit = await call<{ items: { action: string; after?: unknown }[] }>(
      'GET',
      `/v1/admin/audit?target=staff:${support.id}`,
      { token: admin },
    );
    expect(audit.body.items.map((item) => item.action).sort()).toEqual([
      'staff.create',
      'staff.password',
      'staff.sign-in',
    ]);
    expect(JSON.stringify(audit.body)).not.toMatch(/pw-/);
  });

  it("keeps a store manager to their own store's keys", async () => {
    const admin = (await signIn('admin@sbm.local', 'e2e-admin-password')).body.accessToken;
    const otherStore = longestStoreId('other');
    expect(
      (await call('POST', '/v1/admin/stores', { token: admin, body: { storeId: otherStore, name: 'Other' } }))
        .status,
    ).toBe(201);
    const manager = await staffMember(admin, ['store_manager'], ['demo-store']);
    const issued = await call('POST', '/v1/admin/stores/demo-store/pos-keys', { token: manager.accessToken });
    expect(issued.body).toMatchObject({ storeId: 'demo-store' });
    expect(
      (await call('POST', `/v1/admin/stores/${otherStore}/pos-keys`, { token: manager.accessToken })).status,
    ).toBe(403);
    const stores = await call<{ items: { storeId: string }[] }>('GET', '/v1/admin/stores', {
      token: manager.accessToken,
    });
    expect(stores.body.items.map((store) => store.storeId)).toEqual(['demo-store']);
    expect(
      (await call('POST', '/v1/admin/pos/dead-letters/redrive', { token: manager.accessToken })).status,
    ).toBe(403);
  });

  it("ends a deactivated staff member's sessions and sign-ins", async () => {
    const admin = (await signIn('admin@sbm.local', 'e2e-admin-password')).body.accessToken;
    const email = `${uniqueCode('leaver')}@sbm.local`;
    const password = `pw-${randomUUID()}`;
    const created = await call<{ id: string }>('POST', '/v1/admin/staff', {
      token: admin,
      body: { email, name: 'Leaver', roles: ['analyst'], password },
    });
    const session = await signIn(email, password);
    expect(
      (await call('POST', `/v1/admin/staff/${created.body.id}/deactivate`, { token: admin })).status,
    ).toBe(200);
    expect((await signIn(email, password)).status).toBe(401);
    expect(
      (await call('POST', '/v1/auth/refresh', { body: { refreshToken: session.body.refreshToken } })).status,
    ).toBe(401);
  });
});

describe('personal data for staff', () => {
  it('shows a bound phone to the member and to support, and masks it for a marketer', async () => {
    const admin = (await signIn('admin@sbm.local', 'e2e-admin-password')).body.accessToken;
    const member = await login(uniqueCode('phone'));
    const bound = await call('POST', '/v1/customers/me/phone', {
      token: member.body.accessToken,
      body: { code: 'phone-13812345678' },
    });
    expect(bound.body).toMatchObject({ phone: '13812345678' });
    expect(
      (
        await call('POST', '/v1/customers/me/phone', {
          token: member.body.accessToken,
          body: { code: 'nonsense' },
        })
      ).body,
    ).toMatchObject({
      code: 'PHONE_CODE_INVALID',
    });
    await call('PATCH', '/v1/customers/me', {
      token: member.body.accessToken,
      body: { name: '李小龙', birthday: '1990-11-27' },
    });

    const support = await staffMember(admin, ['support']);
    const marketer = await staffMember(admin, ['marketer']);
    const path = `/v1/admin/customers/${member.body.customer.id}`;
    expect((await call('GET', path, { token: support.accessToken })).body).toMatchObject({
      customer: { phone: '13812345678', name: '李小龙', birthday: '1990-11-27' },
    });
    const masked = await call<{ customer: Record<string, string> }>('GET', path, {
      token: marketer.accessToken,
    });
    expect(masked.body.customer).toMatchObject({
      phone: '138****5678',
      name: '李**',
      birthday: '****-11-**',
    });
    expect(
      (await call('GET', path, { token: (await staffMember(admin, ['analyst'])).accessToken })).status,
    ).toBe(403);

    // Search by the bound phone: the same masking, the same permission.
    const search = '/v1/admin/customers?phone=13812345678';
    const found = await call<{ items: Record<string, string>[] }>('GET', search, {
      token: support.accessToken,
    });
    expect(found.status).toBe(200);
    expect(found.body.items).toContainEqual(
      expect.objectContaining({ id: member.body.customer.id, phone: '13812345678', name: '李小龙' }),
    );
    const foundMasked = await call<{ items: Record<string, string>[] }>('GET', search, {
      token: marketer.accessToken,
    });
    expect(foundMasked.body.items).toContainEqual(
      expect.objectContaining({ id: member.body.customer.id, phone: '138****5678', name: '李**' }),
    );
    expect(JSON.stringify(foundMasked.body)).not.toContain('13812345678');
    expect(
      (await call('GET', search, { token: (await staffMember(admin, ['analyst'])).accessToken })).status,
    ).toBe(403);
    expect((await call('GET', '/v1/admin/customers?phone=abc', { token: support.accessToken })).status).toBe(
      400,
    );

    // A new phone replaces the old one in the search.
    await call('POST', '/v1/customers/me/phone', {
      token: member.body.accessToken,
      body: { code: 'phone-13812349999' },
    });
    const stale = await call<{ items: { id: string }[] }>('GET', search, { token: support.accessToken });
    expect(stale.body.items.map((item) => item.id)).not.toContain(member.body.customer.id);
  });
});

describe('staff sign-ins', () => {
  it('are audited, failed and successful, naming the account and the source but never the email or password', async () => {
    const admin = (await signIn('admin@sbm.local', 'e2e-admin-password')).body.accessToken;
    const email = `${uniqueCode('audited')}@sbm.local`;
    const password = `pw-${randomUUID()}`;
    const created = await call<{ id: string }>('POST', '/v1/admin/staff', {
      token: admin,
      body: { email, name: 'Audited Staff', roles: ['analyst'], storeIds: [], password },
    });
    expect((await signIn(email, 'not-the-password')).status).toBe(401);
    expect((await signIn(email, password)).status).toBe(200);
    const unknown = `${uniqueCode('nobody')}@sbm.local`;
    expect((await signIn(unknown, 'whatever')).status).toBe(401);
    const trail = await call<{ items: { action: string; actor: string; sourceIp?: string }[] }>(
      'GET',
      `/v1/admin/audit?target=staff:${created.body.id}`,
      { token: admin },
    );
    expect(trail.body.items.map((entry) => [entry.action, entry.actor])).toEqual([
      ['staff.sign-in', created.body.id],
      ['staff.sign-in-failed', 'unidentified'],
      ['staff.create', expect.any(String)],
    ]);
    expect(trail.body.items[0]!.sourceIp).toEqual(expect.any(String));
    const failures = await call<{ items: { action: string; target: string }[] }>(
      'GET',
      '/v1/admin/audit?action=staff.sign-in-failed&limit=100',
      { token: admin },
    );
    expect(failures.body.items.map((entry) => entry.target)).toContain('staff:unknown-email');
    // A failed sign-in names the account tried, never the email typed; the trail shows admins who staff
    // are (the new account's email in its creation), but no email nobody holds and no password.
    const failed = [...trail.body.items, ...failures.body.items].filter(
      (entry) => entry.action === 'staff.sign-in-failed',
    );
    expect(JSON.stringify(failed)).not.toContain(email);
    const everything = JSON.stringify([trail.body, failures.body]);
    expect(everything).not.toContain(unknown);
    expect(everything).not.toContain('not-the-password');
  });
});
