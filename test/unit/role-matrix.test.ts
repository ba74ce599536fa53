// The access matrix: every HTTP route in the manifest against every kind of caller, each cell checked;
// and which stores each permission reaches for staff with one role or several.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  permissionSchema,
  rolePermissions,
  rolesAllow,
  staffRoleSchema,
  STORE_SCOPED_ROLES,
  type StaffRole,
} from '../../lib/auth/permissions';
import type { StaffPrincipal } from '../../lib/auth/principal';
import type { StaffAuthority } from '../../lib/auth/staff';
import {
  assertAllStoresAccess,
  assertStoreAccess,
  storeScopeOf,
  visibleStores,
} from '../../lib/auth/store-scope';
import { callerOf } from '../../lib/http/handler';
import type { RouteContract } from '../../lib/http/route';
import { declarations } from '../../lib/manifest';
import { apiEvent } from '../support/lambda';

/** The staff records the HTTP stack reads a staff caller's roles from, by staff id. */
const staffRecords = vi.hoisted(() => new Map<string, StaffAuthority>());
vi.mock('../../lib/auth/staff', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/auth/staff')>()),
  readStaffAuthority: async (staffId: string) => staffRecords.get(staffId),
}));

type Caller = { name: string; context: Record<string, string> | null; roles?: StaffRole[] };

function staffCaller(roles: StaffRole[]): Caller {
  const name = roles.join('+');
  staffRecords.set(`staff-${name}`, { roles, storeIds: ['demo-store'], active: true });
  return {
    name,
    roles,
    // The authorizer's context names the holder only: the roles come from the record above.
    context: { kind: 'staff', staffId: `staff-${name}`, sessionId: 's-2' },
  };
}

const roles = staffRoleSchema.options;
const pairs = roles.flatMap((first, i) => roles.slice(i + 1).map((second) => [first, second]));
const callers: Caller[] = [
  { name: 'anonymous', context: null },
  { name: 'customer', context: { kind: 'customer', customerId: 'c-1', sessionId: 's-1' } },
  ...roles.map((role) => staffCaller([role])),
  // Staff with two roles: every pair, store managers with a second role among them.
  ...pairs.map((pair) => staffCaller(pair)),
];

const routes = declarations().flatMap(([name, d]) =>
  d.trigger.kind === 'http' ? [{ name, route: d.trigger.route as RouteContract }] : [],
);

function expected(route: RouteContract, caller: Caller): 'allow' | 401 | 403 {
  switch (route.auth.kind) {
    case 'public':
      return 'allow';
    case 'pos':
      return 401; // no caller here signs its request
    case 'customer':
      return caller.name === 'anonymous' ? 401 : caller.name === 'customer' ? 'allow' : 403;
    case 'staff':
      if (caller.name === 'anonymous') return 401;
      return caller.roles && rolesAllow(caller.roles, route.auth.permission) ? 'allow' : 403;
    case 'anyStaff':
      return caller.name === 'anonymous' ? 401 : caller.roles ? 'allow' : 403;
  }
}

async function actual(route: RouteContract, caller: Caller): Promise<'allow' | number> {
  const event: APIGatewayProxyEvent = apiEvent({
    method: route.method,
    path: route.path,
    authorizer: caller.context,
  });
  try {
    await callerOf(route, event, {}, '');
    return 'allow';
  } catch (error) {
    return (error as { status: number }).status;
  }
}

/** The routes of the signed-in staff member's own account. */
const ownAccount = (path: string) => path === '/v1/admin/me' || path.startsWith('/v1/admin/me/');

describe('the access matrix', () => {
  it('declares an auth rule, and a permission on every staff route but the one for any staff member', () => {
    for (const { name, route } of routes) {
      expect(['public', 'customer', 'staff', 'anyStaff', 'pos'], name).toContain(route.auth.kind);
      // Sign-in and the console's cookie routes are how staff get and end tokens: they take none.
      if (route.path.startsWith('/v1/admin/auth/')) expect(route.auth.kind, name).toBe('public');
      else if (route.path.startsWith('/v1/admin/'))
        expect(route.auth.kind, name).toBe(ownAccount(route.path) ? 'anyStaff' : 'staff');
    }
    // Only a staff member's own account (who they are, their own two-factor sign-in) is for any staff member.
    expect(routes.filter(({ route }) => route.auth.kind === 'anyStaff').map(({ name }) => name)).toEqual([
      'ownTwoFactor',
      'startOwnEnrolment',
      'confirmOwnEnrolment',
      'replaceOwnRecoveryCodes',
      'disableOwnTwoFactor',
      'staffMe',
    ]);
  });

  it.each(routes.map(({ name, route }) => [name, route] as const))(
    '%s: every caller is allowed or refused as the rule says',
    async (_, route) => {
      for (const caller of callers)
        expect(`${caller.name}: ${String(await actual(route, caller))}`).toBe(
          `${caller.name}: ${String(expected(route, caller))}`,
        );
    },
  );

  it('checks every cell, staff with two roles included', () => {
    // anonymous, a member, each of the 5 roles alone and each of the 10 pairs of roles
    expect(callers).toHaveLength(2 + 5 + 10);
    expect(callers.filter((caller) => caller.roles?.includes('store_manager'))).toHaveLength(5);
    expect(routes.length).toBeGreaterThan(40);
  });

  it('gives each role what its job needs and no more', () => {
    expect(rolePermissions.analyst).toEqual(['analytics:read', 'campaigns:read']);
    expect(rolePermissions.analyst).not.toContain('campaigns:write');
    expect(rolePermissions.support).toContain('loyalty:adjust');
    expect(rolePermissions.support).not.toContain('stores:write');
    expect(rolePermissions.marketer).not.toContain('customers:pii');
    expect(rolePermissions.store_manager).not.toContain('staff:write');
    expect(staffRoleSchema.options.filter((role) => rolePermissions[role].includes('audit:read'))).toEqual([
      'admin',
    ]);
    for (const permission of ['staff:read', 'staff:write'] as const)
      expect(staffRoleSchema.options.filter((role) => rolePermissions[role].includes(permission))).toEqual([
        'admin',
      ]);
  });
});

describe('store scope, per permission', () => {
  const staff = (roles: StaffRole[], storeIds = ['demo-store']): StaffPrincipal => ({
    kind: 'staff',
    staffId: 's',
    sessionId: 's',
    roles,
    storeIds,
  });
  const scope = (roles: StaffRole[], permission: Parameters<typeof storeScopeOf>[1]) => {
    const reach = storeScopeOf(staff(roles), permission);
    return reach === 'all' ? 'all' : [...reach];
  };

  it('keeps a store manager who is also an analyst to their own stores for what only the store role grants', () => {
    const managerAnalyst = staff(['store_manager', 'analyst']);
    // The attack: keys for another store, every store's POS dead letters, and their redrive.
    expect(() => assertStoreAccess(managerAnalyst, 'stores:keys', 'store-two')).toThrow(
      expect.objectContaining({ status: 403 }),
    );
    expect(() => assertStoreAccess(managerAnalyst, 'stores:keys', 'demo-store')).not.toThrow();
    expect(() => assertAllStoresAccess(managerAnalyst, 'pos:operate')).toThrow(
      expect.objectContaining({ status: 403 }),
    );
    expect(visibleStores(managerAnalyst, 'stores:read')).toEqual(new Set(['demo-store']));
    expect(visibleStores(managerAnalyst, 'pos:operate')).toEqual(new Set(['demo-store']));
    // The analyst role grants analytics for every store by itself; managing a store takes none of it away.
    expect(visibleStores(managerAnalyst, 'analytics:read')).toBeUndefined();
    expect(() => assertAllStoresAccess(managerAnalyst, 'analytics:read')).not.toThrow();
  });

  it.each([
    [['store_manager'], 'stores:keys', ['demo-store']],
    [['store_manager'], 'analytics:read', ['demo-store']],
    [['store_manager', 'analyst'], 'stores:keys', ['demo-store']],
    [['store_manager', 'analyst'], 'pos:operate', ['demo-store']],
    [['store_manager', 'analyst'], 'analytics:read', 'all'],
    [['store_manager', 'marketer'], 'stores:read', ['demo-store']],
    [['store_manager', 'marketer'], 'analytics:read', 'all'],
    [['store_manager', 'support'], 'stores:keys', ['demo-store']],
    [['store_manager', 'admin'], 'stores:keys', 'all'],
    [['store_manager', 'admin'], 'pos:operate', 'all'],
    [['analyst'], 'analytics:read', 'all'],
    [['admin'], 'stores:keys', 'all'],
    // A permission none of the roles grants reaches no store at all.
    [['store_manager'], 'staff:write', []],
    [['analyst'], 'stores:keys', []],
  ] as const)('%j with %s reaches %j', (roles, permission, stores) => {
    expect(scope([...roles], permission)).toEqual(stores);
  });

  const roleSets = fc.subarray([...staffRoleSchema.options], { minLength: 1 });
  const permissions = fc.constantFrom(...permissionSchema.options);

  it('never widens a permission for a role that does not grant it', () => {
    fc.assert(
      fc.property(
        roleSets,
        permissions,
        fc.constantFrom(...staffRoleSchema.options),
        (roles, permission, extra) => {
          fc.pre(!rolePermissions[extra].includes(permission));
          expect(scope([...roles, extra], permission)).toEqual(scope(roles, permission));
        },
      ),
    );
  });

  it('reaches every store only when a role that is not store-scoped grants the permission', () => {
    fc.assert(
      fc.property(roleSets, permissions, (roles, permission) => {
        const unscopedGrant = roles.some(
          (role) => !STORE_SCOPED_ROLES.includes(role) && rolePermissions[role].includes(permission),
        );
        const reach = scope(roles, permission);
        if (unscopedGrant) expect(reach).toBe('all');
        else expect(reach).toEqual(rolesAllow(roles, permission) ? ['demo-store'] : []);
      }),
    );
  });
});
