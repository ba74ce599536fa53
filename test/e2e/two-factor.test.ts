// Two-factor staff sign-in over HTTP: enrolment through the staff member's own routes, the password's 202
// challenge, the code's session (in the console's cookie for the console), codes good once, switching
// off and an admin's reset. The policy is left as it is: other files sign the demo admin in meanwhile.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpAt, totpStep } from '../../lib/auth/totp';
import { call, uniqueCode } from '../support/http';

const ADMIN = { email: 'admin@sbm.local', password: 'e2e-admin-password' };

interface Session {
  accessToken: string;
  refreshToken?: string;
  staff: { id: string };
}
interface Challenge {
  next: string;
  challengeToken: string;
  expiresIn: number;
}

const adminToken = async () =>
  (await call<Session>('POST', '/v1/admin/auth/login', { body: ADMIN })).body.accessToken;

async function staffMember() {
  const credentials = { email: `${uniqueCode('tfa')}@sbm.local`, password: `pw-${randomUUID()}` };
  const created = await call<{ id: string }>('POST', '/v1/admin/staff', {
    token: await adminToken(),
    body: { ...credentials, name: '周婷', roles: ['support'] },
  });
  expect(created.status).toBe(201);
  const signedIn = await call<Session>('POST', '/v1/admin/auth/login', { body: credentials });
  expect(signedIn.status).toBe(200);
  return { ...credentials, id: created.body.id, token: signedIn.body.accessToken };
}

describe('two-factor staff sign-in over HTTP', () => {
  it('enrols, then signs in with password and code; codes are good once; off again by the admin', async () => {
    const member = await staffMember();
    const mine = (method: 'GET' | 'POST', path: string, body?: unknown) =>
      call<Record<string, unknown>>(method, `/v1/admin/me/two-factor${path}`, { token: member.token, body });

    expect((await mine('GET', '')).body).toMatchObject({
      enabled: false,
      recoveryCodesLeft: 0,
      required: false,
    });
    const started = await mine('POST', '/enrolment');
    expect(started.status).toBe(200);
    const uri = new URL(started.body.otpauthUri as string);
    expect(uri.protocol).toBe('otpauth:');
    const key = base32Decode(uri.searchParams.get('secret')!);
    expect(uri.searchParams.get('secret')).toBe(started.body.secret);

    // A wrong first code switches nothing on.
    const right = totpAt(key, new Date());
    const wrong = await mine('POST', '/enrolment/confirm', {
      code: String((Number(right) + 1) % 1_000_000).padStart(6, '0'),
    });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'TWO_FACTOR_CODE_INVALID']);
    const enrolledStep = totpStep(new Date());
    const confirmed = await mine('POST', '/enrolment/confirm', { code: hotp(key, enrolledStep) });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect((await mine('GET', '')).body).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect((await mine('POST', '/enrolment')).body.code).toBe('TWO_FACTOR_ALREADY_ENABLED');

    // The password alone now gives a challenge, not a session.
    const password = { email: member.email, password: member.password };
    const first = await call<Challenge & Partial<Session>>('POST', '/v1/admin/auth/login', {
      body: password,
    });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ next: 'two-factor', expiresIn: 300 });
    expect(first.body.accessToken).toBeUndefined();
    // The challenge is no bearer token.
    expect((await call('GET', '/v1/admin/me', { token: first.body.challengeToken })).status).toBe(401);

    // The code that switched it on is spent; the next step's is good, and the console gets its cookie.
    const replay = await call<{ code: string }>('POST', '/v1/admin/auth/login/two-factor', {
      body: { challengeToken: first.body.challengeToken, code: hotp(key, enrolledStep) },
    });
    expect([replay.status, replay.body.code]).toEqual([400, 'TWO_FACTOR_CODE_USED']);
    const session = await call<Session>('POST', '/v1/admin/auth/login/two-factor', {
      body: { challengeToken: first.body.challengeToken, code: hotp(key, enrolledStep + 1) },
      headers: { 'x-sbm-client': 'console' },
    });
    expect(session.status).toBe(200);
    expect(session.body.staff.id).toBe(member.id);
    expect(session.body.refreshToken).toBeUndefined();
    expect(session.headers.getSetCookie()[0]).toMatch(/^sbm_console_refresh=[\w-]{43}; HttpOnly; Secure/);
    expect((await call('GET', '/v1/admin/me', { token: session.body.accessToken })).status).toBe(200);

    // A recovery code signs in once.
    const viaRecovery = async () => {
      const challenge = await call<Challenge>('POST', '/v1/admin/auth/login', { body: password });
      return call<Session & { code?: string }>('POST', '/v1/admin/auth/login/two-factor', {
        body: { challengeToken: challenge.body.challengeToken, code: recoveryCodes[0] },
      });
    };
    expect((await viaRecovery()).status).toBe(200);
    const again = await viaRecovery();
    expect([again.status, again.body.code]).toEqual([400, 'TWO_FACTOR_CODE_INVALID']);
    expect((await mine('GET', '')).body).toMatchObject({ recoveryCodesLeft: 9 });

    // The admin sees it on the list, and resets it for a staff member who lost their phone.
    const admin = await adminToken();
    const listed = async () => {
      for (let cursor: string | null | undefined; ;) {
        const page = await call<{
          items: { id: string; twoFactorEnabled: boolean }[];
          nextCursor: string | null;
        }>('GET', `/v1/admin/staff?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
          token: admin,
        });
        const found = page.body.items.find((item) => item.id === member.id);
        if (found || !page.body.nextCursor) return found;
        cursor = page.body.nextCursor;
      }
    };
    expect((await listed())?.twoFactorEnabled).toBe(true);
    const reset = await call<{ twoFactorEnabled: boolean }>(
      'POST',
      `/v1/admin/staff/${member.id}/two-factor/reset`,
      {
        token: admin,
      },
    );
    expect([reset.status, reset.body.twoFactorEnabled]).toEqual([200, false]);
    expect((await listed())?.twoFactorEnabled).toBe(false);
    expect((await call('POST', '/v1/admin/auth/login', { body: password })).status).toBe(200);

    // Each change is in the audit trail, without the secret or a code.
    const trail = await call<{ items: { action: string; after?: unknown }[] }>(
      'GET',
      `/v1/admin/audit?target=${encodeURIComponent(`staff:${member.id}`)}&limit=50`,
      { token: admin },
    );
    const actions = trail.body.items.map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'staff.two-factor-enrol',
        'staff.two-factor-recovery-code-used',
        'staff.two-factor-reset',
        'staff.sign-in',
      ]),
    );
    const text = JSON.stringify(trail.body);
    expect(text).not.toContain(started.body.secret as string);
    for (const code of recoveryCodes) expect(text).not.toContain(code);
  });

  it('switches off only for a right code, and reads the policy (off unless an admin turns it on)', async () => {
    const member = await staffMember();
    const started = await call<{ secret: string }>('POST', '/v1/admin/me/two-factor/enrolment', {
      token: member.token,
    });
    const key = base32Decode(started.body.secret);
    const step = totpStep(new Date());
    await call('POST', '/v1/admin/me/two-factor/enrolment/confirm', {
      token: member.token,
      body: { code: hotp(key, step) },
    });
    const refused = await call<{ code: string }>('POST', '/v1/admin/me/two-factor/disable', {
      token: member.token,
      body: { code: 'aaaaa-aaaaa' },
    });
    expect([refused.status, refused.body.code]).toEqual([400, 'TWO_FACTOR_CODE_INVALID']);
    const off = await call('POST', '/v1/admin/me/two-factor/disable', {
      token: member.token,
      body: { code: hotp(key, step + 1) },
    });
    expect(off.status).toBe(204);
    const policy = await call<{ requiredForAdmins: boolean }>('GET', '/v1/admin/two-factor-policy', {
      token: await adminToken(),
    });
    expect(policy.status).toBe(200);
    expect(typeof policy.body.requiredForAdmins).toBe('boolean');
    // Only admins (staff:read) read it, and only staff:write changes it.
    expect((await call('GET', '/v1/admin/two-factor-policy', { token: member.token })).status).toBe(403);
    expect(
      (
        await call('PUT', '/v1/admin/two-factor-policy', {
          token: member.token,
          body: { requiredForAdmins: true },
        })
      ).status,
    ).toBe(403);
  });
});
