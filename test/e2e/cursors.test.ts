// List cursors are sealed: a store manager's cursor tells nothing of other stores' sales, a cursor opens
// only in the list and for the viewer it was made for, and a crafted one is a 400, never a 500.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, login, longestStoreId, uniqueCode } from '../support/http';
import { demoPosKey, posCall } from '../support/pos';

const signIn = (email: string, password: string) =>
  call<{ accessToken: string }>('POST', '/v1/admin/auth/login', { body: { email, password } });

async function staffMember(admin: string, roles: string[], storeIds: string[]) {
  const email = `${uniqueCode('staff')}@sbm.local`;
  const password = `pw-${randomUUID()}`;
  const created = await call('POST', '/v1/admin/staff', {
    token: admin,
    body: { email, name: 'Cursor Staff', roles, storeIds, password },
  });
  expect(created.status).toBe(201);
  return (await signIn(email, password)).body.accessToken;
}

/** A sale for a member id that never registered: kept unmatched at once. */
const strangerSale = (storeId: string) => ({
  transactionId: uniqueCode('T-STRANGER'),
  storeId,
  occurredAt: new Date().toISOString(),
  customer: { customerId: uniqueCode('NOBODY') },
  amount: 1000,
  currency: 'CNY',
  items: [],
});

type Page = {
  items: { transaction: { storeId: string; transactionId: string } }[];
  nextCursor: string | null;
};

describe('list cursors', () => {
  it("give a store manager nothing of another store's sales, and open only for whom they were made", async () => {
    const admin = (await signIn('admin@sbm.local', 'e2e-admin-password')).body.accessToken;
    const otherStore = longestStoreId('cursor-store');
    await call('POST', '/v1/admin/stores', { token: admin, body: { storeId: otherStore, name: 'Other' } });
    const otherKey = (
      await call<{ keyId: string; secret: string }>('POST', `/v1/admin/stores/${otherStore}/pos-keys`, {
        token: admin,
      })
    ).body;
    // The other store's sales come between the manager's own in the unmatched list.
    const theirs = [strangerSale(otherStore), strangerSale(otherStore), strangerSale(otherStore)];
    const mine = [strangerSale('demo-store'), strangerSale('demo-store')];
    for (const sale of [mine[0]!, ...theirs, mine[1]!])
      expect(
        (
          await posCall(
            '/v1/pos/transactions',
            sale,
            sale === mine[0] || sale === mine[1] ? demoPosKey : otherKey,
          )
        ).status,
      ).toBe(202);
    const manager = await staffMember(admin, ['store_manager'], ['demo-store']);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: Page } = await call<Page>(
        'GET',
        `/v1/admin/pos/unmatched?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token: manager },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item) => item.transaction.transactionId));
      for (const item of page.body.items) expect(item.transaction.storeId).toBe('demo-store');
      cursor = page.body.nextCursor;
      if (cursor) {
        // Sealed: neither the other store nor any of its sales can be read out of it.
        const decoded = Buffer.from(cursor, 'base64url').toString('latin1');
        for (const sale of theirs) expect(decoded).not.toContain(sale.transactionId);
        expect(decoded).not.toContain(otherStore);
      }
      pages++;
    } while (cursor && pages < 200);
    expect(seen).toEqual(expect.arrayContaining(mine.map((sale) => sale.transactionId)));

    // An admin's cursor over every store does not open for the manager, nor another list's.
    const adminPage = await call<Page>('GET', '/v1/admin/pos/unmatched?limit=1', { token: admin });
    expect(adminPage.body.nextCursor).toEqual(expect.any(String));
    const borrowed = await call(
      'GET',
      `/v1/admin/pos/unmatched?limit=1&cursor=${adminPage.body.nextCursor}`,
      {
        token: manager,
      },
    );
    expect(borrowed.status).toBe(400);
    expect(borrowed.body).toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it("opens a member's cursor for that member alone", async () => {
    const { body: member } = await login(uniqueCode('pager'));
    const { body: other } = await login(uniqueCode('pager'));
    const cursor = await (async () => {
      for (let tries = 0; tries < 50; tries++) {
        // The welcome message and its siblings fill the inbox a moment after sign-up.
        const page = await call<{ nextCursor: string | null }>('GET', '/v1/notifications/me?limit=1', {
          token: member.accessToken,
        });
        if (page.body.nextCursor) return page.body.nextCursor;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return undefined;
    })();
    // A page of one, full, has a cursor as soon as the welcome message is there.
    expect(cursor).toEqual(expect.any(String));
    expect(
      (await call('GET', `/v1/notifications/me?limit=1&cursor=${cursor}`, { token: member.accessToken }))
        .status,
    ).toBe(200);
    const stolen = await call('GET', `/v1/notifications/me?limit=1&cursor=${cursor}`, {
      token: other.accessToken,
    });
    expect(stolen.status).toBe(400);
    // A key of the member's own partition, with keys DynamoDB would refuse: still a 400.
    const crafted = Buffer.from(
      JSON.stringify({ pk: `CUSTOMER#${member.customer.id}`, sk: 42, gsi9pk: 'x' }),
    ).toString('base64url');
    for (const path of ['/v1/notifications/me', '/v1/loyalty/me/transactions']) {
      const answer = await call('GET', `${path}?cursor=${crafted}`, { token: member.accessToken });
      expect(answer.status, path).toBe(400);
    }
  });

  it.each([
    [
      'odd keys',
      Buffer.from(JSON.stringify({ pk: { S: 'CUSTOMER#x' }, sk: [1, 2], '': null })).toString('base64url'),
    ],
    [
      'a raw DynamoDB key of another partition',
      Buffer.from(JSON.stringify({ pk: 'CUSTOMER#someone', sk: 'LEDGER#9' })).toString('base64url'),
    ],
    ['bytes that are no base64', '%%%%'],
    ['a truncated cursor', 'AAAA'],
    ['a long random one', Buffer.from(randomUUID().repeat(8)).toString('base64url')],
  ])('answers %s with 400 INVALID_CURSOR, never 500', async (_, cursor) => {
    const { body: member } = await login(uniqueCode('crafter'));
    const admin = (await signIn('admin@sbm.local', 'e2e-admin-password')).body.accessToken;
    for (const [path, token] of [
      ['/v1/loyalty/me/transactions', member.accessToken],
      ['/v1/notifications/me', member.accessToken],
      ['/v1/admin/pos/unmatched', admin],
      [`/v1/admin/customers/${member.customer.id}/ledger`, admin],
    ] as const) {
      const answer = await call('GET', `${path}?cursor=${encodeURIComponent(cursor)}`, { token });
      expect(answer.status, path).toBe(400);
      expect(answer.body, path).toMatchObject({ code: 'INVALID_CURSOR' });
    }
  });
});
