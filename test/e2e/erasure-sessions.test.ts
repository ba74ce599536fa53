// An erased member over HTTP: every session ends with the erasure, and nothing personal can be written back.
import { describe, expect, it } from 'vitest';
import { call, login, uniqueCode, type ApiResponse } from '../support/http';

const staffToken = async () =>
  (
    await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    })
  ).body.accessToken;

/**
 * A request of an erased member's other session: refused by the authorizer's session check (401) or, while
 * the authorizer's cached answer still lets the token through, by the erased record itself (410).
 */
function expectRefusedAfterErasure(response: ApiResponse) {
  expect(response.status, JSON.stringify(response.body)).toBeOneOf([401, 410]);
  if (response.status === 410) expect(response.body).toMatchObject({ code: 'MEMBER_ERASED' });
}

describe('erasure and the member’s other sessions', () => {
  it('an erasure from one session leaves the other unable to write, refresh or get a member code', async () => {
    const code = uniqueCode('two-sessions');
    const first = (await login(code)).body;
    const second = (await login(code)).body;
    expect(second.customer.id).toBe(first.customer.id);
    // The second session is in use: the gateway holds its authorizer answer, as API Gateway's cache does.
    expect((await call('GET', '/v1/customers/me', { token: second.accessToken })).status).toBe(200);

    expect((await call('DELETE', '/v1/customers/me', { token: first.accessToken })).status).toBe(204);

    expectRefusedAfterErasure(
      await call('PATCH', '/v1/customers/me', {
        token: second.accessToken,
        body: { name: 'Wang Fang', birthday: '1990-04-05', marketingConsent: true },
      }),
    );
    expectRefusedAfterErasure(
      await call('PATCH', '/v1/customers/me', {
        token: second.accessToken,
        body: { marketingConsent: true },
      }),
    );
    expectRefusedAfterErasure(
      await call('GET', '/v1/customers/me/member-code', { token: second.accessToken }),
    );
    expectRefusedAfterErasure(
      await call('POST', '/v1/customers/me/phone', {
        token: second.accessToken,
        body: { code: 'phone-13700002222' },
      }),
    );
    const refreshed = await call('POST', '/v1/auth/refresh', { body: { refreshToken: second.refreshToken } });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body).toMatchObject({ code: 'SESSION_REVOKED' });

    const seen = await call<{ customer: Record<string, unknown> }>(
      'GET',
      `/v1/admin/customers/${first.customer.id}`,
      { token: await staffToken() },
    );
    expect(seen.status).toBe(200);
    expect(seen.body.customer).not.toHaveProperty('name');
    expect(seen.body.customer).not.toHaveProperty('birthday');
    expect(seen.body.customer).not.toHaveProperty('phone');
    expect(seen.body.customer).not.toHaveProperty('marketingConsent');
  });

  it('a session that never called since the erasure is refused at the authorizer', async () => {
    const code = uniqueCode('unused-session');
    const first = (await login(code)).body;
    const second = (await login(code)).body;
    expect((await call('DELETE', '/v1/customers/me', { token: first.accessToken })).status).toBe(204);
    const patched = await call('PATCH', '/v1/customers/me', {
      token: second.accessToken,
      body: { name: 'Wang Fang' },
    });
    expect(patched.status).toBe(401);
  });
});
