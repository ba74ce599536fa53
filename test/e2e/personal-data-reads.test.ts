// Staff reads of members' personal data over HTTP: each one lands in the audit trail (who read whose data
// and how), without the data itself.
import { randomInt, randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { call, login, uniqueCode } from '../support/http';

const signIn = async (email: string, password: string) =>
  (await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', { body: { email, password } })).body
    .accessToken;

async function staffMember(admin: string, roles: string[]) {
  const email = `${uniqueCode('reader')}@sbm.local`;
  const password = `pw-${randomUUID()}`;
  const created = await call<{ id: string }>('POST', '/v1/admin/staff', {
    token: admin,
    body: { email, name: 'Reader', roles, storeIds: [], password },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id, token: await signIn(email, password) };
}

type Entry = { actor: string; action: string; target: string };

describe('staff reads of personal data', () => {
  it('are audited per member read: a profile with PII, a phone search, a ledger; never the data itself', async () => {
    const admin = await signIn('admin@sbm.local', 'e2e-admin-password');
    const support = await staffMember(admin, ['support']);
    const marketer = await staffMember(admin, ['marketer']);
    const { body } = await login(uniqueCode('read-about'));
    const token = body.accessToken;
    const customerId = body.customer.id;
    await vi.waitFor(async () => expect((await call('GET', '/v1/loyalty/me', { token })).status).toBe(200), {
      timeout: 5000,
    });
    const phone = `139${String(randomInt(10_000_000, 99_999_999))}`;
    await call('POST', '/v1/customers/me/phone', { token, body: { code: `phone-${phone}` } });
    const name = `Reader Test ${randomInt(1000, 9999)}`;
    await call('PATCH', '/v1/customers/me', { token, body: { name, birthday: '1991-04-05' } });

    const profile = await call<{ customer: { name?: string } }>('GET', `/v1/admin/customers/${customerId}`, {
      token: support.token,
    });
    expect(profile.body.customer.name).toBe(name);
    // A role without customers:pii sees it masked: no personal data read, nothing to audit.
    const masked = await call<{ customer: { name?: string } }>('GET', `/v1/admin/customers/${customerId}`, {
      token: marketer.token,
    });
    expect(masked.status).toBe(200);
    expect(masked.body.customer.name).not.toBe(name);
    const found = await call<{ items: { id: string }[] }>('GET', `/v1/admin/customers?phone=${phone}`, {
      token: support.token,
    });
    expect(found.body.items.map((item) => item.id)).toEqual([customerId]);
    expect(
      (await call('GET', `/v1/admin/customers/${customerId}/ledger`, { token: marketer.token })).status,
    ).toBe(200);

    const audit = await call<{ items: Entry[] }>('GET', `/v1/admin/audit?target=customer:${customerId}`, {
      token: admin,
    });
    expect(audit.status).toBe(200);
    const reads = audit.body.items
      .filter((entry) => entry.actor !== `customer:${customerId}`)
      .map(({ actor, action, target }) => ({ actor, action, target }))
      .sort((a, b) => a.action.localeCompare(b.action));
    const target = `customer:${customerId}`;
    expect(reads).toEqual([
      { actor: support.id, action: 'customers.phone-search', target },
      { actor: support.id, action: 'customers.profile.read', target },
      { actor: marketer.id, action: 'loyalty.ledger.read', target },
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(phone);
    expect(JSON.stringify(audit.body)).not.toContain(name);
    // An auditor asks what one staff member looked at.
    const bySupport = await call<{ items: Entry[] }>('GET', `/v1/admin/audit?actor=${support.id}`, {
      token: admin,
    });
    expect(
      bySupport.body.items
        .filter((entry) => entry.target === target)
        .map((entry) => entry.action)
        .sort(),
    ).toEqual(['customers.phone-search', 'customers.profile.read']);
  });
});
