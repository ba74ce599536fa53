// Tokens over HTTP: rotation, reuse detection, sign-out and the authorizer's refusals.
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { call, login, uniqueCode } from '../support/http';

describe('sessions over HTTP', () => {
  it('rotates refresh tokens and revokes the session when an old one is reused', async () => {
    const { body } = await login(uniqueCode('refresh'));
    const rotated = await call<{ accessToken: string; refreshToken: string }>('POST', '/v1/auth/refresh', {
      body: { refreshToken: body.refreshToken },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(body.refreshToken);
    expect((await call('GET', '/v1/customers/me', { token: rotated.body.accessToken })).status).toBe(200);

    const reused = await call('POST', '/v1/auth/refresh', { body: { refreshToken: body.refreshToken } });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
    const afterTheft = await call('POST', '/v1/auth/refresh', {
      body: { refreshToken: rotated.body.refreshToken },
    });
    expect(afterTheft.status).toBe(401);
    expect(afterTheft.body).toMatchObject({ code: 'SESSION_REVOKED' });
  });

  it('ends the session on logout', async () => {
    const { body } = await login(uniqueCode('logout'));
    expect(
      (await call('POST', '/v1/auth/logout', { body: { refreshToken: body.refreshToken } })).status,
    ).toBe(204);
    expect(
      (await call('POST', '/v1/auth/refresh', { body: { refreshToken: body.refreshToken } })).status,
    ).toBe(401);
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'not-a-jwt'],
    ['an unsigned token', jwt.sign({ sid: 's', typ: 'customer' }, '', { algorithm: 'none', subject: 'c' })],
    [
      'a token from another key',
      jwt.sign({ sid: 's', typ: 'customer' }, 'x'.repeat(64), {
        algorithm: 'HS256',
        keyid: 'local1',
        subject: 'c',
        audience: 'sbm-crm-api',
        issuer: 'sbm-crm',
      }),
    ],
  ])('refuses %s with 401 problem+json', async (_, token) => {
    const response = await call('GET', '/v1/customers/me', { token });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses a tampered token', async () => {
    const { body } = await login(uniqueCode('tamper'));
    const [header, payload, signature] = body.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    expect(
      (await call('GET', '/v1/customers/me', { token: `${header}.${forged}.${signature}` })).status,
    ).toBe(401);
  });
});
