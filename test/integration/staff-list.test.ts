// The staff list against DynamoDB Local, through its handler: newest first, page by page, every staff
// member once, nothing secret; and staff added before the list existed are put on it by the upgrade.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { handler } from '../../functions/staff/list-staff';
import { createStaff } from '../../lib/auth/staff';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { upgradeLocalData } from '../../lib/local/upgrade-data';
import { LocalUsagePlans } from '../../lib/local/usage-plans';
import { apiEvent, lambdaContext } from '../support/lambda';
import { unique } from '../support/members';
import { staffCaller } from '../support/staff';

// What is tested is the list, not scrypt: 120 real hashes would take a minute of CPU.
vi.mock('../../lib/auth/passwords', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/auth/passwords')>()),
  hashPassword: async () => 'scrypt$131072$8$1$c2FsdA$aGFzaA',
}));

interface Listed {
  id: string;
  name: string;
  email: string;
  roles: string[];
  storeIds: string[];
  active: boolean;
  createdAt: string;
}
type Page = { items: Listed[]; nextCursor: string | null };

async function list(authorizer: Record<string, string>, query: Record<string, string> = {}) {
  const event: APIGatewayProxyEvent = apiEvent({ method: 'GET', path: '/v1/admin/staff', authorizer, query });
  const response = (await handler(event, lambdaContext())) as { statusCode: number; body: string };
  return { status: response.statusCode, body: JSON.parse(response.body) as Page & { code?: string } };
}

/** Every page of the list, from the first, `limit` at a time. */
async function listAll(authorizer: Record<string, string>, limit?: number) {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string> = {
      ...(limit ? { limit: String(limit) } : {}),
      ...(cursor ? { cursor } : {}),
    };
    const { status, body } = await list(authorizer, query);
    expect(status).toBe(200);
    pages.push(body);
    cursor = body.nextCursor;
  } while (cursor);
  return pages;
}

describe('the staff list', () => {
  it('pages through 120 staff newest first, each once, with nothing secret', async () => {
    const admin = await staffCaller(['admin']);
    const label = unique('listed');
    const created: string[] = [];
    for (let i = 0; i < 120; i++)
      created.push(
        (
          await createStaff({
            email: `${label}-${i}@sbm.local`,
            name: `Listed ${i}`,
            roles: i % 3 === 0 ? ['store_manager'] : ['support'],
            storeIds: i % 3 === 0 ? ['demo-store'] : [],
            password: 'not hashed in this test',
          })
        ).staffId,
      );

    for (const limit of [undefined, 7, 100]) {
      const pages = await listAll(admin, limit);
      // Default 50; every page but the last is full.
      for (const page of pages.slice(0, -1)) expect(page.items).toHaveLength(limit ?? 50);
      const items = pages.flatMap((page) => page.items);
      const ids = items.map((item) => item.id);
      expect(new Set(ids).size, 'no one twice').toBe(ids.length);
      const ours = items.filter((item) => item.email.startsWith(label));
      // All of them, newest first: in the reverse order of their creation.
      expect(ours.map((item) => item.id)).toEqual([...created].reverse());
      const times = items.map((item) => item.createdAt);
      expect(times).toEqual([...times].sort().reverse());
    }

    const first = (await list(admin, { limit: '3' })).body.items[0]!;
    expect(Object.keys(first).sort()).toEqual(
      ['active', 'createdAt', 'email', 'id', 'name', 'roles', 'storeIds', 'twoFactorEnabled'].sort(),
    );
    const everything = JSON.stringify(await listAll(admin, 100));
    expect(everything).not.toMatch(/scrypt|passwordHash|failures|gsi1|secret|recoveryCodes/);
  }, 60_000);

  it('refuses a limit out of 1 to 100 and a cursor of another list', async () => {
    const admin = await staffCaller(['admin']);
    for (const limit of ['0', '101', 'ten'])
      expect((await list(admin, { limit })).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const { encodeCursor } = await import('../../lib/db/cursor');
    const foreign = await encodeCursor({ pk: 'x', sk: 'y' }, { partition: { gsi1pk: 'UNMATCHED' } });
    expect(await list(admin, { cursor: foreign! })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_CURSOR' },
    });
  });

  it('lists deactivated staff too, and refuses staff without staff:read', async () => {
    const admin = await staffCaller(['admin']);
    const marketer = await staffCaller(['marketer']);
    expect((await list(marketer)).status).toBe(403);
    const { staffId } = await createStaff({
      email: `${unique('gone')}@sbm.local`,
      name: 'Gone',
      roles: ['analyst'],
      password: 'not hashed in this test',
    });
    const { deactivateStaff } = await import('../../lib/auth/staff');
    await deactivateStaff(staffId);
    const found = (await listAll(admin, 100))
      .flatMap((page) => page.items)
      .find((item) => item.id === staffId);
    expect(found).toMatchObject({ active: false, roles: ['analyst'] });
  });

  it('takes in staff added before it existed when the local data is upgraded, once', async () => {
    const admin = await staffCaller(['admin']);
    const staffId = unique('EARLIER');
    // A staff member as earlier versions stored them: no list keys.
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: {
        pk: `STAFF#${staffId}`,
        sk: 'PROFILE',
        staffId,
        email: `${staffId.toLowerCase()}@sbm.local`,
        name: 'Earlier',
        roles: ['support'],
        storeIds: [],
        passwordHash: 'scrypt$old',
        active: true,
        createdAt: '2025-01-02T03:04:05.000Z',
      },
    });
    const listedIds = async () =>
      (await listAll(admin, 100)).flatMap((page) => page.items.map((item) => item.id));
    expect(await listedIds()).not.toContain(staffId);
    const plans = new LocalUsagePlans([
      { id: 'posplan', name: 'pos', throttle: { rateLimit: 1, burstLimit: 1 } },
    ]);
    expect(await upgradeLocalData(plans, 'posplan')).toBeGreaterThanOrEqual(1);
    const ids = await listedIds();
    expect(ids.filter((id) => id === staffId)).toHaveLength(1);
    // Listed by when they were added: after everyone added since.
    expect(ids.indexOf(staffId)).toBeGreaterThan(ids.indexOf(admin.staffId!));
    const { listEarlierStaff } = await import('../../lib/auth/staff');
    const { Item } = await documents.get({
      TableName: tableNameFromEnv('main'),
      Key: { pk: `STAFF#${staffId}`, sk: 'PROFILE' },
    });
    expect(await listEarlierStaff(Item!)).toBe(false);
  });
});
