// Bad input over HTTP: a clear 4xx problem+json, and nothing written.
import { describe, expect, it } from 'vitest';
import { call, login, uniqueCode } from '../support/http';
import { demoPosKey, posCall } from '../support/pos';

describe('bad input', () => {
  it('refuses malformed JSON, wrong types and unknown fields on sign-in without registering anyone', async () => {
    const before = await call<{ items: unknown[] }>('GET', '/_local/events');
    const malformed = await call('POST', '/v1/auth/wechat/login', { rawBody: '{"code":' });
    const wrongType = await call('POST', '/v1/auth/wechat/login', { body: { code: 42 } });
    const unknownField = await call('POST', '/v1/auth/wechat/login', { body: { code: 'x', isAdmin: true } });
    expect([malformed.status, wrongType.status, unknownField.status]).toEqual([400, 400, 400]);
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_JSON' });
    expect(wrongType.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'body.code' })],
    });
    expect(unknownField.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const after = await call<{ items: unknown[] }>('GET', '/_local/events');
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('refuses text that would read differently in the console, naming the field and the character', async () => {
    const { body: member } = await login(uniqueCode('spoofer'));
    await call('PATCH', '/v1/customers/me', { token: member.accessToken, body: { name: 'Li Na' } });
    const spoofed = await call('PATCH', '/v1/customers/me', {
      token: member.accessToken,
      // Shown as "Li Na (admin)" by a right-to-left override.
      body: { name: 'Li Na \u202E)nimda(' },
    });
    expect(spoofed.status).toBe(400);
    expect(spoofed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'body.name', message: expect.stringContaining('U+202E') })],
    });
    const profile = await call<{ name?: string }>('GET', '/v1/customers/me', { token: member.accessToken });
    expect(profile.body.name).toBe('Li Na');
    const sale = {
      transactionId: uniqueCode('T-SPOOF'),
      storeId: 'demo-store',
      occurredAt: new Date().toISOString(),
      customer: { customerId: member.customer.id },
      amount: 100,
      currency: 'CNY',
      items: [{ sku: 'COAT\u200B-1', category: 'fashion', quantity: 1, unitPrice: 100 }],
    };
    const tooOld = await posCall(
      '/v1/pos/transactions',
      { ...sale, transactionId: uniqueCode('T-1999'), items: [], occurredAt: '1999-12-31T23:00:00+08:00' },
      demoPosKey,
    );
    expect(tooOld.status).toBe(422);
    expect(tooOld.body).toMatchObject({ code: 'SALE_TOO_OLD' });
    const refused = await posCall('/v1/pos/transactions', sale, demoPosKey);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errors: [expect.objectContaining({ field: 'body.items.0.sku' })] });
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await call('POST', '/v1/auth/wechat/login', { body: { code: 'x'.repeat(20_000) } });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('leaves the profile unchanged after a rejected update', async () => {
    const { body } = await login(uniqueCode('bad-patch'));
    await call('PATCH', '/v1/customers/me', { token: body.accessToken, body: { name: 'Before' } });
    const rejected = [
      await call('PATCH', '/v1/customers/me', {
        token: body.accessToken,
        body: { name: 'After', birthday: '2999-01-01' },
      }),
      await call('PATCH', '/v1/customers/me', {
        token: body.accessToken,
        body: { name: 'After', tier: 'platinum' },
      }),
      await call('PATCH', '/v1/customers/me', { token: body.accessToken, body: {} }),
      await call('PATCH', '/v1/customers/me', {
        token: body.accessToken,
        body: { name: 'After', gender: 'robot' },
      }),
    ];
    expect(rejected.map((response) => response.status)).toEqual([400, 400, 400, 400]);
    const profile = await call('GET', '/v1/customers/me', { token: body.accessToken });
    expect(profile.body).toMatchObject({ name: 'Before' });
  });

  it('refuses a bad page size or a forged cursor', async () => {
    const { body } = await login(uniqueCode('paging'));
    expect((await call('GET', '/v1/notifications/me?limit=1000', { token: body.accessToken })).status).toBe(
      400,
    );
    const forged = Buffer.from(JSON.stringify({ pk: 'CUSTOMER#someone-else', sk: 'INBOX#x' })).toString(
      'base64url',
    );
    const response = await call('GET', `/v1/notifications/me?cursor=${forged}`, { token: body.accessToken });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await call('GET', '/v1/nowhere');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('answers a known path called with a method it lacks with 405, naming the methods it has', async () => {
    const member = await call('DELETE', '/v1/loyalty/me');
    expect(member.status).toBe(405);
    expect(member.headers.get('allow')).toBe('GET');
    expect(member.headers.get('content-type')).toBe('application/problem+json');
    expect(member.body).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    const campaign = await call('POST', '/v1/admin/campaigns/some-campaign');
    expect(campaign.status).toBe(405);
    expect(campaign.headers.get('allow')).toBe('DELETE, GET, PATCH, PUT');
  });
});
