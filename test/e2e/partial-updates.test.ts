// Partial updates over HTTP: a change of one field, read back from the table, leaves every other field as it was.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tables } from '../../lib/db/tables';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localTableName } from '../../lib/local/dynamodb';
import { DEFAULT_EARNING_RULES } from '../../lib/loyalty/earning';
import { call, login, uniqueCode } from '../support/http';

const DAY_MS = 24 * 60 * 60 * 1000;

const documents = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('cloudDynamoEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  }),
);
afterAll(() => documents.destroy());

/** The item as stored, every attribute of it. */
async function storedItem(pk: string, sk: string): Promise<Record<string, unknown>> {
  const { Item } = await documents.send(
    new GetCommand({ TableName: localTableName(tables.main), Key: { pk, sk }, ConsistentRead: true }),
  );
  expect(Item).toBeDefined();
  return Item!;
}

/** Every attribute but these, so that the rest can be compared whole. */
const without = (item: Record<string, unknown>, fields: string[]) =>
  Object.fromEntries(Object.entries(item).filter(([field]) => !fields.includes(field)));

let admin: string;
beforeAll(async () => {
  const signIn = await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
    body: { email: 'admin@sbm.local', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password' },
  });
  expect(signIn.status).toBe(200);
  admin = signIn.body.accessToken;
});

describe('PATCH /v1/admin/rewards/{rewardId}', () => {
  const now = Date.now();
  const validFrom = new Date(now - DAY_MS).toISOString();
  const validTo = new Date(now + 60 * DAY_MS).toISOString();
  const earlierFrom = new Date(now - 2 * DAY_MS).toISOString();
  const laterTo = new Date(now + 90 * DAY_MS).toISOString();
  const createReward = async () => {
    const created = await call<{ id: string }>('POST', '/v1/admin/rewards', {
      token: admin,
      body: {
        name: 'Cinema ticket',
        description: 'One 2D screening',
        type: 'coupon',
        pointsCost: 800,
        stock: 40,
        perCustomerLimit: 2,
        validFrom,
        validTo,
        voucherValidDays: 90,
      },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };

  it.each([
    ['name', { name: 'Cinema ticket (IMAX)' }, { name: 'Cinema ticket (IMAX)' }],
    ['description', { description: 'Any screening' }, { description: 'Any screening' }],
    ['pointsCost', { pointsCost: 900 }, { pointsCost: 900 }],
    ['perCustomerLimit', { perCustomerLimit: 4 }, { perCustomerLimit: 4 }],
    ['validFrom', { validFrom: earlierFrom }, { validFrom: earlierFrom }],
    ['validTo', { validTo: laterTo }, { validTo: laterTo }],
    ['voucherValidDays', { voucherValidDays: 14 }, { voucherValidDays: 14 }],
    ['stock (addStock)', { addStock: 5 }, { stock: 45 }],
  ])('changes %s and nothing else', async (_, patch, change) => {
    const rewardId = await createReward();
    const before = await storedItem(`REWARD#${rewardId}`, 'REWARD');
    const response = await call('PATCH', `/v1/admin/rewards/${rewardId}`, { token: admin, body: patch });
    expect(response.status).toBe(200);
    expect(await storedItem(`REWARD#${rewardId}`, 'REWARD')).toEqual({ ...before, ...change });
  });
});

describe('PATCH /v1/customers/me', () => {
  it.each([
    ['name', { name: '李娜' }],
    ['gender', { gender: 'male' }],
    ['birthday', { birthday: '1990-02-14' }],
    ['marketingConsent', { marketingConsent: false }],
  ])('changes %s and nothing else', async (field, patch) => {
    const member = (await login(uniqueCode('patcher'))).body;
    const complete = await call('PATCH', '/v1/customers/me', {
      token: member.accessToken,
      body: { name: '王芳', gender: 'female', birthday: '1995-05-20', marketingConsent: true },
    });
    expect(complete.status).toBe(200);
    const key = [`CUSTOMER#${member.customer.id}`, 'PROFILE'] as const;
    const before = await storedItem(...key);
    const response = await call('PATCH', '/v1/customers/me', { token: member.accessToken, body: patch });
    expect(response.status).toBe(200);
    const after = await storedItem(...key);
    expect(without(after, [field, 'updatedAt'])).toEqual(without(before, [field, 'updatedAt']));
    expect(after[field]).not.toEqual(before[field]);
  });
});

describe('PUT /v1/admin/staff/{staffId}/roles', () => {
  const createStaff = async (roles: string[], storeIds?: string[]) => {
    const created = await call<{ id: string }>('POST', '/v1/admin/staff', {
      token: admin,
      body: {
        email: `${uniqueCode('staff')}@sbm.local`,
        name: 'Roles Test',
        roles,
        storeIds,
        password: `pw-${randomUUID()}`,
      },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };

  it('changes the roles and keeps the stores when storeIds is left out', async () => {
    const staffId = await createStaff(['store_manager'], ['store-a', 'store-b']);
    const before = await storedItem(`STAFF#${staffId}`, 'PROFILE');
    const response = await call('PUT', `/v1/admin/staff/${staffId}/roles`, {
      token: admin,
      body: { roles: ['store_manager', 'support'] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ storeIds: ['store-a', 'store-b'] });
    expect(await storedItem(`STAFF#${staffId}`, 'PROFILE')).toEqual({
      ...before,
      roles: ['store_manager', 'support'],
    });
  });

  it('changes the stores alone when the same roles come with new storeIds', async () => {
    const staffId = await createStaff(['store_manager'], ['store-a']);
    const before = await storedItem(`STAFF#${staffId}`, 'PROFILE');
    const response = await call('PUT', `/v1/admin/staff/${staffId}/roles`, {
      token: admin,
      body: { roles: ['store_manager'], storeIds: ['store-c'] },
    });
    expect(response.status).toBe(200);
    expect(await storedItem(`STAFF#${staffId}`, 'PROFILE')).toEqual({ ...before, storeIds: ['store-c'] });
  });

  it('refuses to make a staff member without stores a store manager, changing nothing', async () => {
    const staffId = await createStaff(['support']);
    const before = await storedItem(`STAFF#${staffId}`, 'PROFILE');
    const response = await call('PUT', `/v1/admin/staff/${staffId}/roles`, {
      token: admin,
      body: { roles: ['store_manager'] },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await storedItem(`STAFF#${staffId}`, 'PROFILE')).toEqual(before);
  });
});

describe('POST /v1/admin/loyalty/earning-rules', () => {
  it('keeps the expiry of the version in force when a new version leaves it out', async () => {
    type Saved = { version: number };
    // Far beyond any sale the other tests make, so their credits keep the default rules.
    const from = Date.now() + 100 * 365 * DAY_MS;
    const first = await call<Saved>('POST', '/v1/admin/loyalty/earning-rules', {
      token: admin,
      body: {
        effectiveFrom: new Date(from).toISOString(),
        rules: { ...DEFAULT_EARNING_RULES, expiry: { mode: 'never' } },
      },
    });
    expect(first.status).toBe(201);
    const { expiry: _expiry, ...withoutExpiry } = DEFAULT_EARNING_RULES;
    const second = await call<Saved>('POST', '/v1/admin/loyalty/earning-rules', {
      token: admin,
      body: {
        effectiveFrom: new Date(from + DAY_MS).toISOString(),
        rules: { ...withoutExpiry, lockDays: 3 },
      },
    });
    expect(second.status).toBe(201);
    const versionKey = (version: number) => `VERSION#${String(version).padStart(6, '0')}`;
    const before = (await storedItem('EARNRULES', versionKey(first.body.version))).rules as object;
    const after = (await storedItem('EARNRULES', versionKey(second.body.version))).rules as object;
    expect(after).toEqual({ ...before, lockDays: 3 });
  });
});
