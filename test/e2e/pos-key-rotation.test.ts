// POS key rotation over HTTP: rotating again never moves a rotated key's grace end (the clock-bound part
// is in test/integration/pos-key-rotation.test.ts).
import { describe, expect, it, vi } from 'vitest';
import { call, login, longestStoreId, uniqueCode } from '../support/http';
import { posCall } from '../support/pos';

const adminToken = async () =>
  (
    await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    })
  ).body.accessToken;

async function memberId() {
  const { body } = await login(uniqueCode('shopper'));
  await vi.waitFor(
    async () => expect((await call('GET', '/v1/loyalty/me', { token: body.accessToken })).status).toBe(200),
    { timeout: 5000, interval: 50 },
  );
  return body.customer.id;
}

const sale = (storeId: string, customerId: string) => ({
  transactionId: uniqueCode('T'),
  storeId,
  occurredAt: new Date().toISOString(),
  customer: { customerId },
  amount: 1000,
  currency: 'CNY',
  items: [],
});

type Issued = { keyId: string; secret: string; previousKeyValidUntil?: string };

describe('rotating a POS key twice', () => {
  it('is refused with 409, and the first key keeps its original grace end', async () => {
    const token = await adminToken();
    const storeId = longestStoreId('rotation');
    await call('POST', '/v1/admin/stores', { token, body: { storeId, name: 'Rotation store' } });
    const first = (await call<Issued>('POST', `/v1/admin/stores/${storeId}/pos-keys`, { token })).body;

    const rotated = await call<Issued>('POST', `/v1/admin/pos-keys/${first.keyId}/rotate`, { token });
    expect(rotated.status).toBe(201);
    const graceEnd = rotated.body.previousKeyValidUntil!;
    expect(Date.parse(graceEnd)).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    const again = await call<{ code: string; detail: string }>(
      'POST',
      `/v1/admin/pos-keys/${first.keyId}/rotate`,
      { token },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('POS_KEY_ALREADY_ROTATED');
    expect(again.body.detail).toContain(graceEnd);

    const ofSuccessor = await call<{ code: string; detail: string }>(
      'POST',
      `/v1/admin/pos-keys/${rotated.body.keyId}/rotate`,
      { token },
    );
    expect(ofSuccessor.status).toBe(409);
    expect(ofSuccessor.body.code).toBe('POS_KEY_ROTATION_PENDING');
    expect(ofSuccessor.body.detail).toContain(graceEnd);

    // Both keys still work meanwhile: the refusals changed nothing.
    const customerId = await memberId();
    expect((await posCall('/v1/pos/transactions', sale(storeId, customerId), first)).status).toBe(202);
    expect((await posCall('/v1/pos/transactions', sale(storeId, customerId), rotated.body)).status).toBe(202);
  });
});
