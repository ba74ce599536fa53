// The staff console's session over HTTP: the refresh token lives in an HttpOnly cookie the browser
// sends back to /v1/admin/auth only; refresh rotates it with reuse detection, sign-out ends it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, cloudUrl, login, uniqueCode } from '../support/http';

const ADMIN = { email: 'admin@sbm.local', password: 'e2e-admin-password' };
const CONSOLE = { 'x-sbm-client': 'console' };
const TTL = 30 * 86_400;
const COOKIE =
  /^sbm_console_refresh=([\w-]{43}); HttpOnly; Secure; SameSite=Strict; Path=\/v1\/admin\/auth; Max-Age=(\d+)$/;
const CLEARED = 'sbm_console_refresh=; HttpOnly; Secure; SameSite=Strict; Path=/v1/admin/auth; Max-Age=0';

interface Session {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
  staff: { id: string; roles: string[] };
}

/** The refresh token a Set-Cookie of an answer holds, checking the cookie's every attribute. */
function cookieOf(headers: Headers): string {
  const cookies = headers.getSetCookie();
  expect(cookies).toHaveLength(1);
  const match = COOKIE.exec(cookies[0]!);
  expect(match, cookies[0]).not.toBeNull();
  // The token's whole life, less a second that may have turned since it was issued.
  expect(Number(match![2])).toBeGreaterThanOrEqual(TTL - 2);
  expect(Number(match![2])).toBeLessThanOrEqual(TTL);
  return match![1]!;
}

const consoleSignIn = async (credentials = ADMIN) => {
  const response = await call<Session>('POST', '/v1/admin/auth/login', {
    body: credentials,
    headers: CONSOLE,
  });
  expect(response.status).toBe(200);
  return { ...response.body, cookie: cookieOf(response.headers) };
};

const withCookie = (token: string | undefined, headers: Record<string, string> = CONSOLE) => ({
  headers: { ...headers, ...(token === undefined ? {} : { cookie: `sbm_console_refresh=${token}` }) },
});
const refresh = (token?: string, headers?: Record<string, string>) =>
  call<Session & { code?: string }>('POST', '/v1/admin/auth/refresh', withCookie(token, headers));
const signOut = (token?: string, headers?: Record<string, string>) =>
  call<{ code?: string }>('POST', '/v1/admin/auth/logout', withCookie(token, headers));
const me = (token: string) => call('GET', '/v1/admin/me', { token });
const sessionOf = (accessToken: string) =>
  (JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;

async function staffMember(roles: string[]) {
  const admin = (await call<Session>('POST', '/v1/admin/auth/login', { body: ADMIN })).body.accessToken;
  const credentials = { email: `${uniqueCode('console')}@sbm.local`, password: `pw-${randomUUID()}` };
  const created = await call<{ id: string }>('POST', '/v1/admin/staff', {
    token: admin,
    body: { ...credentials, name: 'Console User', roles },
  });
  expect(created.status).toBe(201);
  return { admin, id: created.body.id, credentials };
}

describe("the console's sign-in", () => {
  it('sets the refresh token in the cookie and leaves it out of the body', async () => {
    const response = await call<Session>('POST', '/v1/admin/auth/login', { body: ADMIN, headers: CONSOLE });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'expiresIn', 'staff']);
    expect(response.body).toMatchObject({ expiresIn: 900, staff: { roles: ['admin'] } });
    const token = cookieOf(response.headers);
    expect(JSON.stringify(response.body)).not.toContain(token);
    expect((await me(response.body.accessToken)).status).toBe(200);
    // Cookies go with no cross-origin request that could read the answer.
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers as ever without the console header: the refresh token in the body, no cookie', async () => {
    const response = await call<Session>('POST', '/v1/admin/auth/login', { body: ADMIN });
    expect(response.status).toBe(200);
    expect(response.body.refreshToken).toMatch(/^[\w-]{43}$/);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('sets no cookie when the password is wrong', async () => {
    const { credentials } = await staffMember(['support']);
    const response = await call('POST', '/v1/admin/auth/login', {
      body: { ...credentials, password: 'wrong-password' },
      headers: CONSOLE,
    });
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe("the console's refresh", () => {
  it('rotates the cookie; the old value is then refused as reuse and revokes the session', async () => {
    const signedIn = await consoleSignIn();
    const rotated = await refresh(signedIn.cookie);
    expect(rotated.status).toBe(200);
    expect(Object.keys(rotated.body).sort()).toEqual(['accessToken', 'expiresIn', 'staff']);
    expect(rotated.body.staff).toEqual(signedIn.staff);
    const next = cookieOf(rotated.headers);
    expect(next).not.toBe(signedIn.cookie);
    // An access token of the same session (used only after the theft, so no cached answer lets it in).
    expect(sessionOf(rotated.body.accessToken)).toBe(sessionOf(signedIn.accessToken));

    const reused = await refresh(signedIn.cookie);
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
    expect(reused.headers.getSetCookie()).toEqual([CLEARED]);
    // The whole session is over: its newest refresh token, and an access token of it not seen before.
    const afterTheft = await refresh(next);
    expect(afterTheft.status).toBe(401);
    expect(afterTheft.body).toMatchObject({ code: 'SESSION_REVOKED' });
    expect(afterTheft.headers.getSetCookie()).toEqual([CLEARED]);
    expect((await me(rotated.body.accessToken)).status).toBe(401);
  });

  it('gives a working access token with the new cookie', async () => {
    const rotated = await refresh((await consoleSignIn()).cookie);
    expect(rotated.status).toBe(200);
    expect((await me(rotated.body.accessToken)).status).toBe(200);
  });

  it('is refused with 403 without the console header, and rotates nothing', async () => {
    const signedIn = await consoleSignIn();
    for (const headers of [{}, { 'x-sbm-client': 'mini-program' }] as Record<string, string>[]) {
      const refused = await refresh(signedIn.cookie, headers);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'CONSOLE_HEADER_REQUIRED' });
      expect(refused.headers.getSetCookie()).toEqual([]);
    }
    // The cookie was not used: it still refreshes, once.
    expect((await refresh(signedIn.cookie)).status).toBe(200);
  });

  it('answers 401 and deletes the cookie when there is none, or it holds no token', async () => {
    for (const token of [undefined, 'not-a-token', randomUUID().replaceAll('-', '')]) {
      const refused = await refresh(token);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: token ? 'REFRESH_TOKEN_INVALID' : 'UNAUTHORIZED' });
      expect(refused.headers.getSetCookie()).toEqual([CLEARED]);
    }
  });

  it("refuses a member's refresh token in the cookie, which the member can still use", async () => {
    const member = await login(uniqueCode('console-member'));
    const refused = await refresh(member.body.refreshToken);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
    expect(refused.headers.getSetCookie()).toEqual([CLEARED]);
    const own = await call('POST', '/v1/auth/refresh', { body: { refreshToken: member.body.refreshToken } });
    expect(own.status).toBe(200);
  });

  it('refuses a deactivated staff member and deletes their cookie', async () => {
    const { admin, id, credentials } = await staffMember(['analyst']);
    const signedIn = await consoleSignIn(credentials);
    expect(signedIn.staff).toEqual({ id, roles: ['analyst'] });
    expect((await call('POST', `/v1/admin/staff/${id}/deactivate`, { token: admin })).status).toBe(200);
    const refused = await refresh(signedIn.cookie);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'STAFF_INACTIVE' });
    expect(refused.headers.getSetCookie()).toEqual([CLEARED]);
  });

  it('is not open to other origins: a preflight is refused, granting neither credentials nor the console header', async () => {
    const preflight = await fetch(`${cloudUrl()}/v1/admin/auth/refresh`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-sbm-client',
      },
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers') ?? '').not.toMatch(/x-sbm-client/i);
  });
});

describe("the console's sign-out", () => {
  it('ends the session, deletes the cookie, and is audited once as staff.sign-out', async () => {
    const { admin, id, credentials } = await staffMember(['marketer']);
    const signedIn = await consoleSignIn(credentials);
    const out = await signOut(signedIn.cookie);
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()).toEqual([CLEARED]);
    // A later refresh is refused, and so is an access token of the session not seen before.
    expect((await refresh(signedIn.cookie)).status).toBe(401);
    expect((await me(signedIn.accessToken)).status).toBe(401);

    // Idempotent: again, and with no cookie at all, it is done.
    for (const token of [signedIn.cookie, undefined, 'not-a-token']) {
      const again = await signOut(token);
      expect(again.status).toBe(204);
      expect(again.headers.getSetCookie()).toEqual([CLEARED]);
    }
    const audit = await call<{ items: { action: string; actor: string; target: string }[] }>(
      'GET',
      `/v1/admin/audit?target=staff:${id}`,
      { token: admin },
    );
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((item) => item.action).sort()).toEqual([
      'staff.create',
      'staff.sign-in',
      'staff.sign-out',
    ]);
    expect(audit.body.items.find((item) => item.action === 'staff.sign-out')).toMatchObject({
      actor: id,
      target: `staff:${id}`,
    });
  });

  it('is refused with 403 without the console header, and ends nothing', async () => {
    const signedIn = await consoleSignIn();
    const refused = await signOut(signedIn.cookie, {});
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'CONSOLE_HEADER_REQUIRED' });
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect((await me(signedIn.accessToken)).status).toBe(200);
    expect((await refresh(signedIn.cookie)).status).toBe(200);
  });

  it("leaves a member's session alone when its token is in the cookie", async () => {
    const member = await login(uniqueCode('console-member-out'));
    expect((await signOut(member.body.refreshToken)).status).toBe(204);
    const own = await call('POST', '/v1/auth/refresh', { body: { refreshToken: member.body.refreshToken } });
    expect(own.status).toBe(200);
  });
});
