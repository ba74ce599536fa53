// PIPL over HTTP: export, then erasure that leaves no personal data in the tables and the ledger intact.
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it, vi } from 'vitest';
import { tables } from '../../lib/db/tables';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localTableName } from '../../lib/local/dynamodb';
import { call, login, uniqueCode } from '../support/http';
import { demoPosKey, posCall } from '../support/pos';

async function scanFor(needles: string[]) {
  const client = new DynamoDBClient({
    endpoint: inject('cloudDynamoEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const found: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: localTableName(tables.main), ExclusiveStartKey: startKey as never }),
    );
    for (const item of page.Items ?? []) {
      const text = JSON.stringify(item);
      for (const needle of needles)
        if (text.includes(needle)) found.push(`${needle} in ${text.slice(0, 120)}`);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  client.destroy();
  return found;
}

describe('privacy', () => {
  it('exports everything, then erases the member without touching the ledger', async () => {
    const code = uniqueCode('pipl');
    const { body } = await login(code);
    const token = body.accessToken;
    await vi.waitFor(async () => expect((await call('GET', '/v1/loyalty/me', { token })).status).toBe(200), {
      timeout: 5000,
    });
    await call('POST', '/v1/customers/me/phone', { token, body: { code: 'phone-13900001111' } });
    await call('PATCH', '/v1/customers/me', {
      token,
      body: { name: 'Chen Jingyi', birthday: '1993-03-03', marketingConsent: true },
    });
    const sale = {
      transactionId: uniqueCode('T'),
      storeId: 'demo-store',
      occurredAt: new Date().toISOString(),
      customer: { customerId: body.customer.id },
      amount: 3000,
      currency: 'CNY',
      items: [],
    };
    await posCall('/v1/pos/transactions', sale, demoPosKey);
    await vi.waitFor(
      async () =>
        expect((await call<{ balance: number }>('GET', '/v1/loyalty/me', { token })).body.balance).toBe(30),
      { timeout: 3000 },
    );

    const exported = await call<{ profile: Record<string, unknown>; ledger: unknown[]; inbox: unknown[] }>(
      'GET',
      '/v1/customers/me/export',
      { token },
    );
    expect(exported.status).toBe(200);
    expect(exported.body.profile).toMatchObject({
      name: 'Chen Jingyi',
      phone: '13900001111',
      birthday: '1993-03-03',
      wechat: { openid: `openid-${code}` },
    });
    expect(exported.body.ledger).toHaveLength(1);

    const admin = (
      await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
        body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
      })
    ).body.accessToken;
    const ledgerBefore = await call<{ items: { balanceDelta: number }[] }>(
      'GET',
      `/v1/admin/customers/${body.customer.id}/ledger`,
      { token: admin },
    );

    const byPhone = () =>
      call<{ items: { id: string }[] }>('GET', '/v1/admin/customers?phone=13900001111', { token: admin });
    expect((await byPhone()).body.items.map((item) => item.id)).toContain(body.customer.id);

    expect((await call('DELETE', '/v1/customers/me', { token })).status).toBe(204);
    // The phone lookup goes with the rest: staff can no longer find the member by it.
    expect((await byPhone()).body.items.map((item) => item.id)).not.toContain(body.customer.id);
    await vi.waitFor(
      async () =>
        expect(await scanFor([`openid-${code}`, 'Chen Jingyi', '13900001111', '1993-03-03'])).toEqual([]),
      // The inbox is purged by an event consumer; each try scans the whole shared table, slow on a busy machine.
      { timeout: 15_000, interval: 200 },
    );

    const ledgerAfter = await call<{ items: { balanceDelta: number }[] }>(
      'GET',
      `/v1/admin/customers/${body.customer.id}/ledger`,
      { token: admin },
    );
    expect(ledgerAfter.body.items).toEqual(ledgerBefore.body.items);
    const again = await login(code);
    expect(again.body).toMatchObject({ isNew: true });
    expect(again.body.customer.id).not.toBe(body.customer.id);
    const audit = await call<{ items: { action: string }[] }>(
      'GET',
      `/v1/admin/audit?target=customer:${body.customer.id}`,
      { token: admin },
    );
    // The staff reads above are on record too: the ledger twice, the phone search that found the member.
    expect(audit.body.items.map((item) => item.action).sort()).toEqual([
      'customers.phone-search',
      'loyalty.ledger.read',
      'loyalty.ledger.read',
      'privacy.erase',
      'privacy.export',
    ]);
    const requests = await call<{ items: { customerId: string; kind: string; status: string }[] }>(
      'GET',
      '/v1/admin/privacy-requests',
      { token: admin },
    );
    expect(requests.body.items.filter((request) => request.customerId === body.customer.id)).toEqual([
      expect.objectContaining({ kind: 'erasure', status: 'completed' }),
      expect.objectContaining({ kind: 'export', status: 'completed' }),
    ]);
  });
});
