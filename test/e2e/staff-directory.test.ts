// Who the console shows as signed in, and the staff list, over HTTP: /v1/admin/me gives every role exactly
// its permissions from the staff record; /v1/admin/staff pages with sealed cursors and holds no secret.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rolePermissions, type StaffRole } from '../../lib/auth/permissions';
import { call, login, uniqueCode } from '../support/http';

interface Me {
  id: string;
  name: string;
  email: string;
  roles: string[];
  storeIds: string[];
  permissions: string[];
}

const adminToken = async () =>
  (
    await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    })
  ).body.accessToken;

async function staffMember(admin: string, roles: StaffRole[], storeIds: string[] = []) {
  const email = `${uniqueCode('me')}@sbm.local`.toLowerCase();
  const password = `pw-${randomUUID()}`;
  const name = '王小明';
  const created = await call<{ id: string }>('POST', '/v1/admin/staff', {
    token: admin,
    body: { email, name, roles, storeIds, password },
  });
  expect(created.status).toBe(201);
  const session = await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
    body: { email, password },
  });
  expect(session.status).toBe(200);
  return { id: created.body.id, email, name, password, token: session.body.accessToken };
}

const me = (token?: string) => call<Me & { code?: string }>('GET', '/v1/admin/me', { token });

describe('/v1/admin/me', () => {
  it.each([
    [['admin'], []],
    [['marketer'], []],
    [['store_manager'], ['demo-store']],
    [['support'], []],
    [['analyst'], []],
    [['store_manager', 'analyst'], ['demo-store']],
  ] as [StaffRole[], string[]][])(
    'gives %j exactly their permissions, and their own name and email unmasked',
    async (roles, storeIds) => {
      const staff = await staffMember(await adminToken(), roles, storeIds);
      const answer = await me(staff.token);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        id: staff.id,
        name: staff.name,
        email: staff.email,
        roles,
        storeIds,
        permissions: [...new Set(roles.flatMap((role) => rolePermissions[role]))].sort(),
      });
    },
  );

  it('names the permissions of the role table as they are', async () => {
    const analyst = await staffMember(await adminToken(), ['analyst']);
    expect((await me(analyst.token)).body.permissions).toEqual(['analytics:read', 'campaigns:read']);
    const admin = await me(await adminToken());
    expect(admin.body.permissions).toEqual(
      expect.arrayContaining(['staff:read', 'staff:write', 'audit:read']),
    );
    expect(admin.body.permissions).toEqual([...admin.body.permissions].sort());
  });

  it('reads roles from the staff record, so a change shows with the same token', async () => {
    const admin = await adminToken();
    const staff = await staffMember(admin, ['analyst']);
    expect(
      (await call('PUT', `/v1/admin/staff/${staff.id}/roles`, { token: admin, body: { roles: ['support'] } }))
        .status,
    ).toBe(200);
    const answer = await me(staff.token);
    expect(answer.body).toMatchObject({
      roles: ['support'],
      permissions: [...rolePermissions.support].sort(),
    });
  });

  it('refuses a member (403), a stranger (401) and a deactivated staff member (401)', async () => {
    const member = await login(uniqueCode('not-staff'));
    expect(await me(member.body.accessToken)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await me()).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    const admin = await adminToken();
    const leaver = await staffMember(admin, ['marketer']);
    expect((await me(leaver.token)).status).toBe(200);
    expect((await call('POST', `/v1/admin/staff/${leaver.id}/deactivate`, { token: admin })).status).toBe(
      200,
    );
    expect(await me(leaver.token)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
  });
});

describe('/v1/admin/staff', () => {
  interface Listed {
    id: string;
    email: string;
    createdAt: string;
  }

  it('pages newest first with sealed cursors, every staff member once, with no secret in any page', async () => {
    const admin = await adminToken();
    const added: Awaited<ReturnType<typeof staffMember>>[] = [];
    for (let i = 0; i < 3; i++) added.push(await staffMember(admin, ['support']));
    const seen: Listed[] = [];
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Listed[]; nextCursor: string | null } } = await call(
        'GET',
        `/v1/admin/staff?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: admin },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      pages.push(JSON.stringify(page.body));
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const ids = seen.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ours = seen.filter((item) => added.some((staff) => staff.id === item.id)).map((item) => item.id);
    expect(ours).toEqual(added.map((staff) => staff.id).reverse());
    expect(seen.map((item) => item.email)).toContain('admin@sbm.local');
    for (const page of pages) {
      expect(page).not.toMatch(/passwordHash|scrypt|failures|pw-/);
      for (const staff of added) expect(page).not.toContain(staff.password);
    }
  });

  it('refuses staff without staff:read, and a cursor it did not hand out', async () => {
    const admin = await adminToken();
    const marketer = await staffMember(admin, ['marketer']);
    expect(await call('GET', '/v1/admin/staff', { token: marketer.token })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    const forged = await call('GET', '/v1/admin/staff?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {
      token: admin,
    });
    expect(forged).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
  });
});
