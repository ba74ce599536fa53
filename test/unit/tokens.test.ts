// Access tokens: what is accepted and, above all, what is refused.
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import {
  generateKeyring,
  InvalidTokenError,
  keyringSchema,
  signAccessToken,
  verifyAccessTokenWith,
} from '../../lib/auth/tokens';

const keyring = keyringSchema.parse(generateKeyring('k1'));
const principal = { kind: 'customer' as const, customerId: 'c-1', sessionId: 's-1' };
const secret = keyring.keys.k1!;
const claims = { sid: 's-1', typ: 'customer' };
const options = { keyid: 'k1', issuer: 'sbm-crm', audience: 'sbm-crm-api', subject: 'c-1' } as const;

describe('access tokens', () => {
  it('round-trips the principal and lives 15 minutes', async () => {
    const { accessToken, expiresIn } = await signAccessToken(principal, keyring);
    expect(expiresIn).toBe(900);
    expect(await verifyAccessTokenWith(accessToken, keyring)).toEqual(principal);
  });

  it('refuses alg none', async () => {
    const unsigned = jwt.sign(claims, '', { ...options, algorithm: 'none' });
    await expect(verifyAccessTokenWith(unsigned, keyring)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a token signed with another algorithm', async () => {
    const hs512 = jwt.sign(claims, secret, { ...options, algorithm: 'HS512' });
    await expect(verifyAccessTokenWith(hs512, keyring)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses an expired token beyond the clock skew', async () => {
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, secret, {
      ...options,
      algorithm: 'HS256',
    });
    await expect(verifyAccessTokenWith(expired, keyring)).rejects.toThrow(/expired/);
  });

  it('refuses the wrong audience or issuer', async () => {
    const otherAudience = jwt.sign(claims, secret, { ...options, audience: 'other', algorithm: 'HS256' });
    const otherIssuer = jwt.sign(claims, secret, { ...options, issuer: 'other', algorithm: 'HS256' });
    await expect(verifyAccessTokenWith(otherAudience, keyring)).rejects.toThrow(InvalidTokenError);
    await expect(verifyAccessTokenWith(otherIssuer, keyring)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses an RS256 token, whatever key it names (no algorithm confusion)', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rs256 = jwt.sign(claims, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      ...options,
      algorithm: 'RS256',
    });
    await expect(verifyAccessTokenWith(rs256, keyring)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a token signed with a key that rotation has retired', async () => {
    const retired = keyringSchema.parse(generateKeyring('k0'));
    const token = (await signAccessToken(principal, retired)).accessToken;
    const withGrace = { currentKid: 'k1', keys: { ...keyring.keys, k0: retired.keys.k0! } };
    expect(await verifyAccessTokenWith(token, withGrace)).toEqual(principal);
    // After the grace period k0 leaves the ring, and its tokens with it.
    await expect(verifyAccessTokenWith(token, keyring)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await signAccessToken(principal, keyring)).accessToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...claims, sub: 'someone-else', aud: 'sbm-crm-api', iss: 'sbm-crm' }),
    ).toString('base64url');
    await expect(verifyAccessTokenWith(`${header}.${forged}.${signature}`, keyring)).rejects.toThrow(
      InvalidTokenError,
    );
  });

  it('refuses an unknown kid and accepts an older kid still in the ring', async () => {
    const old = keyringSchema.parse(generateKeyring('k0'));
    const token = (await signAccessToken(principal, old)).accessToken;
    await expect(verifyAccessTokenWith(token, keyring)).rejects.toThrow(/unknown signing key/);
    const rotated = { currentKid: 'k1', keys: { ...keyring.keys, k0: old.keys.k0! } };
    expect(await verifyAccessTokenWith(token, rotated)).toEqual(principal);
  });

  it('refuses a keyring whose current kid has no key, or whose key is short', async () => {
    expect(keyringSchema.safeParse({ currentKid: 'k2', k1: secret }).success).toBe(false);
    expect(keyringSchema.safeParse({ currentKid: 'k1', k1: 'short' }).success).toBe(false);
  });
});
