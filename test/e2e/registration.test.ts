// The registration flow over HTTP against the local cloud: sign in from a simulated mini program,
// see the profile and an empty points account, and receive a welcome message.
import { describe, expect, it, vi } from 'vitest';
import { call, login, uniqueCode } from '../support/http';

describe('registration over HTTP', () => {
  it('registers, opens an empty bronze account and welcomes the member by WeChat and inbox', async () => {
    const code = uniqueCode('reg');
    const signIn = await login(code);
    expect(signIn.status).toBe(200);
    expect(signIn.body).toMatchObject({ isNew: true, expiresIn: 900, customer: { id: expect.any(String) } });
    expect(JSON.stringify(signIn.body)).not.toMatch(/session_key/i);
    const { accessToken, customer } = signIn.body;

    const profile = await call('GET', '/v1/customers/me', { token: accessToken });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ id: customer.id, memberSince: expect.any(String) });

    await vi.waitFor(
      async () => {
        const account = await call('GET', '/v1/loyalty/me', { token: accessToken });
        expect(account.status).toBe(200);
        expect(account.body).toMatchObject({
          customerId: customer.id,
          balance: 0,
          pending: 0,
          lifetimeEarned: 0,
          tier: { code: 'bronze', name: 'Bronze' },
        });
      },
      { timeout: 5000, interval: 50 },
    );

    await vi.waitFor(
      async () => {
        const inbox = await call<{ items: { kind: string }[]; nextCursor: string | null }>(
          'GET',
          '/v1/notifications/me',
          { token: accessToken },
        );
        expect(inbox.status).toBe(200);
        expect(inbox.body.items).toEqual([expect.objectContaining({ kind: 'welcome' })]);
        const sent = await call<{ items: { touser: string }[] }>('GET', '/_local/wechat/messages');
        expect(sent.body.items.filter((message) => message.touser === `openid-${code}`)).toHaveLength(1);
      },
      { timeout: 5000, interval: 50 },
    );
  });

  it('signs the same member in again with isNew false', async () => {
    const code = uniqueCode('again');
    const first = await login(code);
    const second = await login(code);
    expect(second.status).toBe(200);
    expect(second.body.customer.id).toBe(first.body.customer.id);
    expect(second.body.isNew).toBe(false);
  });

  it('creates one member, one CustomerRegistered event and one isNew answer when 8 first sign-ins race', async () => {
    const code = uniqueCode('race');
    const results = await Promise.all(Array.from({ length: 8 }, () => login(code)));
    expect(results.map((result) => result.status)).toEqual(Array(8).fill(200));
    expect(results.filter((result) => result.body.isNew)).toHaveLength(1);
    const ids = new Set(results.map((result) => result.body.customer.id));
    expect(ids.size).toBe(1);
    const [customerId] = [...ids];
    await vi.waitFor(
      async () => {
        const account = await call('GET', '/v1/loyalty/me', { token: results[0]!.body.accessToken });
        expect(account.status).toBe(200);
      },
      { timeout: 5000, interval: 50 },
    );
    const events = await call<{
      items: { 'detail-type': string; detail: { data: { customerId: string } } }[];
    }>('GET', '/_local/events');
    const registrations = events.body.items.filter(
      (e) => e['detail-type'] === 'CustomerRegistered' && e.detail.data.customerId === customerId,
    );
    expect(registrations).toHaveLength(1);
    await vi.waitFor(async () => {
      const inbox = await call<{ items: unknown[] }>('GET', '/v1/notifications/me', {
        token: results[0]!.body.accessToken,
      });
      expect(inbox.body.items).toHaveLength(1);
    });
  });

  it('answers an invalid WeChat code with 401 WECHAT_CODE_INVALID', async () => {
    const response = await call('POST', '/v1/auth/wechat/login', { body: { code: 'invalid-code' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ code: 'WECHAT_CODE_INVALID', status: 401 });
  });

  it('updates the profile and records marketing consent with version and time', async () => {
    const { body } = await login(uniqueCode('profile'));
    const patched = await call('PATCH', '/v1/customers/me', {
      token: body.accessToken,
      body: { name: '王芳', gender: 'female', birthday: '1995-05-20', marketingConsent: true },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: '王芳',
      birthday: '1995-05-20',
      marketingConsent: { granted: true, version: expect.any(String), recordedAt: expect.any(String) },
    });
    const again = await call('GET', '/v1/customers/me', { token: body.accessToken });
    expect(again.body).toMatchObject({ name: '王芳', gender: 'female' });
  });
});
