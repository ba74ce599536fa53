// Points from purchases over HTTP: signed POS webhooks through SQS into the ledger, and refunds.
import { describe, expect, it, vi } from 'vitest';
import { posKeyThrottle } from '../../lib/http/gateway';
import { call, login, longestStoreId, uniqueCode } from '../support/http';
import { demoPosKey, posCall } from '../support/pos';

const sale = (customerId: string, transactionId: string, amount = 12800) => ({
  transactionId,
  storeId: 'demo-store',
  occurredAt: new Date().toISOString(),
  customer: { customerId },
  amount,
  currency: 'CNY',
  items: [{ sku: 'COAT-1', category: 'fashion', quantity: 1, unitPrice: amount }],
  paymentMethod: 'wechat-pay',
});

async function newMember() {
  const { body } = await login(uniqueCode('shopper'));
  await vi.waitFor(
    async () => expect((await call('GET', '/v1/loyalty/me', { token: body.accessToken })).status).toBe(200),
    { timeout: 5000, interval: 50 },
  );
  return body;
}

const balance = async (token: string) =>
  (await call<{ balance: number }>('GET', '/v1/loyalty/me', { token })).body.balance;

describe('points from purchases', () => {
  it('credits 128.00 CNY as 128 points within 2 s, ignores the replay, and a 64.00 refund leaves 64', async () => {
    const member = await newMember();
    const transactionId = uniqueCode('T');
    const accepted = await posCall(
      '/v1/pos/transactions',
      sale(member.customer.id, transactionId),
      demoPosKey,
    );
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ transactionId, status: 'accepted' });
    await vi.waitFor(async () => expect(await balance(member.accessToken)).toBe(128), {
      timeout: 2000,
      interval: 50,
    });

    expect(
      (await posCall('/v1/pos/transactions', sale(member.customer.id, transactionId), demoPosKey)).status,
    ).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await balance(member.accessToken)).toBe(128);

    const refund = { refundId: uniqueCode('R'), transactionId, storeId: 'demo-store', amount: 6400 };
    expect((await posCall('/v1/pos/refunds', refund, demoPosKey)).status).toBe(202);
    await vi.waitFor(async () => expect(await balance(member.accessToken)).toBe(64), {
      timeout: 2000,
      interval: 50,
    });
  });

  it('issues a member code the till can use instead of the member id', async () => {
    const member = await newMember();
    const code = await call<{ code: string; expiresIn: number }>('GET', '/v1/customers/me/member-code', {
      token: member.accessToken,
    });
    expect(code.status).toBe(200);
    expect(code.body.code).toMatch(/^\d{12}$/);
    const transaction = {
      ...sale(member.customer.id, uniqueCode('T'), 5000),
      customer: { memberCode: code.body.code },
    };
    expect((await posCall('/v1/pos/transactions', transaction, demoPosKey)).status).toBe(202);
    await vi.waitFor(async () => expect(await balance(member.accessToken)).toBe(50), {
      timeout: 2000,
      interval: 50,
    });
  });

  it.each([
    ['a bad signature', { signature: 'v1=' + '0'.repeat(64) }, 401],
    ['a missing signature', { signature: '' }, 401],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 600 }, 401],
    ['a timestamp from the future', { timestamp: Math.floor(Date.now() / 1000) + 600 }, 401],
  ])('refuses %s with %s and queues nothing', async (_, options, status) => {
    const member = await newMember();
    const transactionId = uniqueCode('T');
    const response = await posCall(
      '/v1/pos/transactions',
      sale(member.customer.id, transactionId),
      demoPosKey,
      options,
    );
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code: 'POS_SIGNATURE_INVALID' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await balance(member.accessToken)).toBe(0);
  });

  it('refuses a request without the POS headers with 401 POS_SIGNATURE_INVALID naming them', async () => {
    const member = await newMember();
    const headerSets: Record<string, string>[] = [
      {},
      { 'x-pos-timestamp': String(Math.floor(Date.now() / 1000)), 'x-pos-signature': 'v1=00' },
      { 'x-pos-key': '', 'x-pos-timestamp': '', 'x-pos-signature': '' },
      { 'x-pos-key': 'not a key id!' },
    ];
    for (const headers of headerSets) {
      const response = await call('POST', '/v1/pos/transactions', {
        body: sale(member.customer.id, uniqueCode('T')),
        headers,
      });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body).toMatchObject({ status: 401, code: 'POS_SIGNATURE_INVALID' });
      for (const header of ['X-Pos-Key', 'X-Pos-Timestamp', 'X-Pos-Signature'])
        expect(response.body.detail).toContain(header);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await balance(member.accessToken)).toBe(0);
  });

  it('refuses an unknown key, another store, and malformed payloads', async () => {
    const member = await newMember();
    const unknownKey = await posCall('/v1/pos/transactions', sale(member.customer.id, uniqueCode('T')), {
      keyId: 'no-such-key',
      secret: 'x',
    });
    // API Gateway itself turns away a key that is not in the POS usage plan, as the contract says.
    expect(unknownKey.status).toBe(401);
    expect(unknownKey.headers.get('content-type')).toBe('application/problem+json');
    expect(unknownKey.body).toMatchObject({ status: 401, code: 'POS_SIGNATURE_INVALID' });
    const forged = await posCall('/v1/pos/transactions', sale(member.customer.id, uniqueCode('T')), {
      keyId: demoPosKey.keyId,
      secret: 'not-the-secret',
    });
    expect(forged.status).toBe(401);
    const otherStore = await posCall(
      '/v1/pos/transactions',
      { ...sale(member.customer.id, uniqueCode('T')), storeId: 'other-store' },
      demoPosKey,
    );
    expect(otherStore.status).toBe(403);
    const malformed = [
      { ...sale(member.customer.id, uniqueCode('T')), amount: 128.5 },
      { ...sale(member.customer.id, uniqueCode('T')), currency: 'USD' },
      { ...sale(member.customer.id, uniqueCode('T')), customer: { memberCode: '12' } },
      { ...sale(member.customer.id, uniqueCode('T')), surprise: true },
    ];
    for (const body of malformed)
      expect((await posCall('/v1/pos/transactions', body, demoPosKey)).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await balance(member.accessToken)).toBe(0);
  });

  it('refuses a sale dated more than 5 minutes ahead, and credits one sent with an offset', async () => {
    const member = await newMember();
    const inAnHour = new Date(Date.now() + 60 * 60_000).toISOString();
    const future = await posCall(
      '/v1/pos/transactions',
      { ...sale(member.customer.id, uniqueCode('T')), occurredAt: inAnHour },
      demoPosKey,
    );
    expect(future.status).toBe(400);
    expect(future.headers.get('content-type')).toBe('application/problem+json');
    expect(future.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'body.occurredAt', message: expect.stringMatching(/^occurredAt must not be/) }],
    });
    // The same moment as now, written in Shanghai time.
    const shanghai = new Date(Date.now() + 8 * 60 * 60_000).toISOString().replace('Z', '+08:00');
    const offset = await posCall(
      '/v1/pos/transactions',
      { ...sale(member.customer.id, uniqueCode('T'), 5000), occurredAt: shanghai },
      demoPosKey,
    );
    expect(offset.status).toBe(202);
    await vi.waitFor(async () => expect(await balance(member.accessToken)).toBe(50), {
      timeout: 5000,
      interval: 100,
    });
  });
});

describe('staff', () => {
  const adminLogin = async () => {
    const response = await call<{ accessToken: string; staff: { roles: string[] } }>(
      'POST',
      '/v1/admin/auth/login',
      {
        body: { email: 'admin@sbm.local', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password' },
      },
    );
    expect(response.status).toBe(200);
    expect(response.body.staff.roles).toEqual(['admin']);
    return response.body.accessToken;
  };

  it('refuses a wrong password with 401 and a member token on staff routes with 403', async () => {
    const wrong = await call('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const member = await login(uniqueCode('nosy'));
    expect((await call('GET', '/v1/admin/stores', { token: member.body.accessToken })).status).toBe(403);
    expect((await call('GET', '/v1/admin/stores')).status).toBe(401);
  });

  it('creates a store, issues a key that works, and revokes it', async () => {
    const token = await adminLogin();
    const storeId = longestStoreId('store');
    expect(
      (await call('POST', '/v1/admin/stores', { token, body: { storeId, name: 'Test Store' } })).status,
    ).toBe(201);
    const key = await call<{ keyId: string; secret: string }>(
      'POST',
      `/v1/admin/stores/${storeId}/pos-keys`,
      { token },
    );
    expect(key.status).toBe(201);
    const member = await newMember();
    const body = { ...sale(member.customer.id, uniqueCode('T'), 1000), storeId };
    expect((await posCall('/v1/pos/transactions', body, key.body)).status).toBe(202);
    expect((await call('POST', `/v1/admin/pos-keys/${key.body.keyId}/revoke`, { token })).status).toBe(204);
    const afterRevocation = await posCall(
      '/v1/pos/transactions',
      { ...body, transactionId: uniqueCode('T') },
      key.body,
    );
    expect(afterRevocation.status).toBe(401);
    expect(afterRevocation.body).toMatchObject({ status: 401, code: 'POS_SIGNATURE_INVALID' });
    await vi.waitFor(async () => expect(await balance(member.accessToken)).toBe(10), {
      timeout: 2000,
      interval: 50,
    });
  });

  it('throttles each POS key on its own: one till over its limit gets 429, another still gets through', async () => {
    const token = await adminLogin();
    const storeId = longestStoreId('store');
    await call('POST', '/v1/admin/stores', { token, body: { storeId, name: 'Busy Store' } });
    const issue = () =>
      call<{ keyId: string; secret: string }>('POST', `/v1/admin/stores/${storeId}/pos-keys`, { token });
    const [busy, calm] = [(await issue()).body, (await issue()).body];
    // Unsigned requests are cheap: the gateway counts them against the key before the function refuses them.
    const unsigned = (key: { keyId: string }) =>
      call('POST', '/v1/pos/transactions', {
        body: {},
        headers: { 'x-pos-key': key.keyId, 'x-pos-timestamp': '0', 'x-pos-signature': 'v1=0' },
      });
    const burst = await Promise.all(
      Array.from({ length: posKeyThrottle.burstLimit + 30 }, () => unsigned(busy)),
    );
    const throttled = burst.filter((response) => response.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]!.headers.get('retry-after')).toBe('1');
    expect(burst.filter((response) => response.status === 401).length).toBeGreaterThanOrEqual(
      posKeyThrottle.burstLimit - 5,
    );
    expect((await unsigned(calm)).status).toBe(401);
  });

  it("shows a member's ledger", async () => {
    const token = await adminLogin();
    const member = await newMember();
    await posCall('/v1/pos/transactions', sale(member.customer.id, uniqueCode('T'), 2000), demoPosKey);
    await vi.waitFor(
      async () => {
        const ledger = await call<{ items: { type: string; points: number }[] }>(
          'GET',
          `/v1/admin/customers/${member.customer.id}/ledger`,
          { token },
        );
        expect(ledger.body.items).toEqual([expect.objectContaining({ type: 'earn', points: 20 })]);
      },
      { timeout: 2000, interval: 50 },
    );
  });
});

describe('milestones and analytics', () => {
  it('promotes a big spender to silver, tells them, and counts the sale in the day of its store', async () => {
    const member = await newMember();
    const transactionId = uniqueCode('BIG');
    expect(
      (await posCall('/v1/pos/transactions', sale(member.customer.id, transactionId, 100_000), demoPosKey))
        .status,
    ).toBe(202);
    await vi.waitFor(
      async () => {
        const account = await call<{ tier: { code: string }; balance: number }>('GET', '/v1/loyalty/me', {
          token: member.accessToken,
        });
        expect(account.body).toMatchObject({ balance: 1000, tier: { code: 'silver' } });
        const inbox = await call<{ items: { kind: string }[] }>('GET', '/v1/notifications/me', {
          token: member.accessToken,
        });
        expect(inbox.body.items.map((item) => item.kind).sort()).toEqual([
          'points-milestone',
          'tier-changed',
          'welcome',
        ]);
      },
      { timeout: 3000, interval: 50 },
    );
    const admin = await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await vi.waitFor(
      async () => {
        const report = await call<{
          stores: { storeId: string; revenue: number; purchases: number; pointsIssued: number }[];
        }>('GET', `/v1/admin/analytics/daily-sales?day=${day}`, { token: admin.body.accessToken });
        const store = report.body.stores.find((candidate) => candidate.storeId === 'demo-store');
        expect(store?.revenue).toBeGreaterThanOrEqual(100_000);
        expect(store?.pointsIssued).toBeGreaterThanOrEqual(1000);
      },
      { timeout: 3000, interval: 50 },
    );
  });
});

describe('refunds that arrive before their sale', () => {
  it('are retried, then dead-lettered; staff see them and redrive them once the sale is in', async () => {
    const member = await newMember();
    const transactionId = uniqueCode('LATE');
    const refundId = uniqueCode('R-EARLY');
    const admin = await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    });
    const token = admin.body.accessToken;

    expect(
      (
        await posCall(
          '/v1/pos/refunds',
          { refundId, transactionId, storeId: 'demo-store', amount: 6400 },
          demoPosKey,
        )
      ).status,
    ).toBe(202);
    type DeadLetters = {
      items: {
        messageId: string;
        message: { kind: string; refund?: { refundId: string } } | null;
        receiveCount: number;
        lastError: { code: string; message: string; receiveCount?: number };
      }[];
      total: number;
    };
    const deadLetter = async () => {
      const letters = await call<DeadLetters>('GET', '/v1/admin/pos/dead-letters', { token });
      expect(letters.status).toBe(200);
      return letters.body.items.find((item) => item.message?.refund?.refundId === refundId);
    };
    await vi.waitFor(async () => expect((await deadLetter())?.receiveCount).toBe(5), {
      timeout: 8000,
      interval: 200,
    });
    // The letter says why it failed, as the consumer last reported it.
    const letter = (await deadLetter())!;
    expect(letter.lastError).toMatchObject({ code: 'NOT_YET_PROCESSABLE', receiveCount: 5 });
    expect(letter.lastError.message).toContain(transactionId);

    await posCall('/v1/pos/transactions', sale(member.customer.id, transactionId), demoPosKey);
    await vi.waitFor(async () => expect(await balance(member.accessToken)).toBe(128), {
      timeout: 2000,
      interval: 50,
    });
    // Staff redrive this one letter; an unknown one is a 404.
    expect((await call('POST', '/v1/admin/pos/dead-letters/no-such-message/redrive', { token })).status).toBe(
      404,
    );
    const redriven = await call<{ messageId: string }>(
      'POST',
      `/v1/admin/pos/dead-letters/${letter.messageId}/redrive`,
      { token },
    );
    expect(redriven.status).toBe(202);
    expect(redriven.body.messageId).not.toBe(letter.messageId);
    await vi.waitFor(async () => expect(await balance(member.accessToken)).toBe(64), {
      timeout: 3000,
      interval: 50,
    });
    expect(await deadLetter()).toBeUndefined();
    const audit = await call<{ items: { action: string; target: string }[] }>(
      'GET',
      '/v1/admin/audit?limit=20',
      { token },
    );
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ action: 'pos-dlq.redrive-one', target: `queue:pos:${letter.messageId}` }),
    );
  });
});

describe('sales for a member id that never registered', () => {
  it('are kept unmatched as UNKNOWN_CUSTOMER at once, for staff to assign, not retried', async () => {
    const admin = await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    });
    const token = admin.body.accessToken;
    const transactionId = uniqueCode('T-NOBODY');
    const accepted = await posCall(
      '/v1/pos/transactions',
      sale(uniqueCode('NOPE'), transactionId),
      demoPosKey,
    );
    expect(accepted.status).toBe(202);
    const unmatched = async () => {
      const page = await call<{ items: { transaction: { transactionId: string }; reason: string }[] }>(
        'GET',
        '/v1/admin/pos/unmatched?limit=100',
        { token },
      );
      return page.body.items.find((item) => item.transaction.transactionId === transactionId);
    };
    await vi.waitFor(async () => expect((await unmatched())?.reason).toBe('UNKNOWN_CUSTOMER'), {
      timeout: 2000,
      interval: 50,
    });
    // Staff assign it to a real member, and the points follow.
    const member = await newMember();
    const assigned = await call('POST', `/v1/admin/pos/unmatched/demo-store/${transactionId}/assign`, {
      token,
      body: { customerId: member.customer.id },
    });
    expect(assigned.status).toBe(200);
    expect(await balance(member.accessToken)).toBe(128);
  });
});
