// The access matrix: every HTTP route in the manifest against every kind of caller, each cell checked.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { rolePermissions, rolesAllow, staffRoleSchema, type StaffRole } from '../../lib/auth/permissions';
import { callerOf } from '../../lib/http/handler';
import type { RouteContract } from '../../lib/http/route';
import { declarations } from '../../lib/manifest';
import { apiEvent } from '../support/lambda';

type Caller = { name: string; context: Record<string, string> | null; role?: StaffRole };
const callers: Caller[] = [
  { name: 'anonymous', context: null },
  { name: 'customer', context: { kind: 'customer', customerId: 'c-1', sessionId: 's-1' } },
  ...staffRoleSchema.options.map((role) => ({
    name: role,
    role,
    context: {
      kind: 'staff',
      staffId: `staff-${role}`,
      sessionId: 's-2',
      roles: role,
      storeIds: 'demo-store',
    },
  })),
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
      return caller.role && rolesAllow([caller.role], route.auth.permission) ? 'allow' : 403;
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

describe('the access matrix', () => {
  it('declares an auth rule, and a permission on every staff route', () => {
    for (const { name, route } of routes) {
      expect(['public', 'customer', 'staff', 'pos'], name).toContain(route.auth.kind);
      if (route.path.startsWith('/v1/admin/') && route.path !== '/v1/admin/auth/login')
        expect(route.auth.kind, name).toBe('staff');
    }
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

  it('checks every cell', () => {
    expect(routes.length * callers.length).toBe(routes.length * 7);
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
    expect(staffRoleSchema.options.filter((role) => rolePermissions[role].includes('staff:write'))).toEqual([
      'admin',
    ]);
  });
});
