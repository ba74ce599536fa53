// What the HTTP stack takes from a cached authorizer answer, and what it checks afresh: the token's expiry
// on every request, a staff member's roles and status from their record (a copy at most 30 s old, none on
// routes that hand out authority). The staff record is a stub here; DynamoDB is never reached.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StaffAuthority } from '../../lib/auth/staff';
import { STAFF_AUTHORITY_MAX_AGE_MS, staffAuthorityOf } from '../../lib/auth/staff-access';
import { CLOCK_TOLERANCE_SECONDS } from '../../lib/auth/principal';
import { gatewayProblemDocument } from '../../lib/http/gateway';
import { httpHandler } from '../../lib/http/handler';
import { defineRoute, type RouteContract } from '../../lib/http/route';
import { declarations } from '../../lib/manifest';
import { apiEvent, lambdaContext } from '../support/lambda';

const records = vi.hoisted(() => ({
  byId: new Map<string, StaffAuthority>(),
  reads: [] as { staffId: string; consistent: boolean }[],
}));
vi.mock('../../lib/auth/staff', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/auth/staff')>()),
  readStaffAuthority: async (staffId: string, { consistent }: { consistent: boolean }) => {
    records.reads.push({ staffId, consistent });
    const record = records.byId.get(staffId);
    if (record?.roles.includes('broken' as never)) throw new Error('DynamoDB is unavailable');
    return record && structuredClone(record);
  },
}));

let sequence = 0;
/** A staff member on record, with a fresh id so that no test sees another's remembered copy. */
function staffOnRecord(authority: StaffAuthority) {
  const staffId = `staff-${++sequence}`;
  records.byId.set(staffId, authority);
  return staffId;
}
const readsOf = (staffId: string) => records.reads.filter((read) => read.staffId === staffId);

const route = <P extends 'staff:write' | 'stores:keys' | 'audit:read'>(permission: P) =>
  defineRoute({
    method: 'POST',
    path: '/v1/admin/things',
    auth: { kind: 'staff', permission },
    tag: 'customers',
    summary: 'test route',
    responses: { 200: { description: 'ok' } },
  });
const customerRoute = defineRoute({
  method: 'GET',
  path: '/v1/things/me',
  auth: { kind: 'customer' },
  tag: 'customers',
  summary: 'test route',
  responses: { 200: { description: 'ok' } },
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
async function call(
  contract: ReturnType<typeof route> | typeof customerRoute,
  authorizer: Record<string, unknown>,
) {
  const handler = httpHandler(contract, async ({ principal }) => ({ status: 200, body: principal }));
  const response = await handler(
    apiEvent({ method: contract.method, path: contract.path, authorizer }),
    lambdaContext(),
  );
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}
const staffContext = (staffId: string, exp = nowSeconds() + 900) => ({
  kind: 'staff',
  staffId,
  sessionId: 's',
  exp: String(exp),
});

beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-11T02:00:00Z') }));
afterEach(() => vi.useRealTimers());

describe('an access token past its expiry', () => {
  const unauthorized = { ...gatewayProblemDocument('UNAUTHORIZED'), correlationId: 'request-1' };

  it('is refused by the HTTP stack with the problem the authorizer gives, though its cached answer let it through', async () => {
    const staffId = staffOnRecord({ roles: ['admin'], storeIds: [], active: true });
    const exp = nowSeconds() + 60;
    expect((await call(route('audit:read'), staffContext(staffId, exp))).status).toBe(200);
    // The authorizer's answer is cached for 300 s; the token expires after 60 (and the clock tolerance).
    vi.setSystemTime(Date.now() + (60 + CLOCK_TOLERANCE_SECONDS + 1) * 1000);
    const refused = await call(route('audit:read'), staffContext(staffId, exp));
    expect(refused).toEqual({ status: 401, body: unauthorized });

    const member = { kind: 'customer', customerId: 'c-1', sessionId: 's', exp: String(exp) };
    expect(await call(customerRoute, member)).toEqual({ status: 401, body: unauthorized });
  });

  it('is still good within the clock tolerance the authorizer allows too', async () => {
    const exp = nowSeconds();
    vi.setSystemTime(Date.now() + CLOCK_TOLERANCE_SECONDS * 1000);
    const member = { kind: 'customer', customerId: 'c-1', sessionId: 's', exp: String(exp) };
    expect(await call(customerRoute, member)).toEqual({
      status: 200,
      body: { kind: 'customer', customerId: 'c-1', sessionId: 's' },
    });
  });

  it.each([
    ['no expiry', undefined],
    ['an expiry that is no number', 'soon'],
    ['an expiry that is a fraction', '1.5e9'],
  ])('is assumed for a context with %s', async (_, exp) => {
    const member = { kind: 'customer', customerId: 'c-1', sessionId: 's', exp };
    expect((await call(customerRoute, member)).status).toBe(401);
  });
});

describe("a staff caller's authority", () => {
  it('comes from the staff record, not from roles a context names', async () => {
    const staffId = staffOnRecord({ roles: ['analyst'], storeIds: ['demo-store'], active: true });
    const forged = { ...staffContext(staffId), roles: 'admin', storeIds: '' };
    expect(await call(route('staff:write'), forged)).toMatchObject({ status: 403 });
    const allowed = await call(
      route('audit:read'),
      staffContext(staffOnRecord({ roles: ['admin'], storeIds: [], active: true })),
    );
    expect(allowed.body).toMatchObject({ kind: 'staff', roles: ['admin'], storeIds: [] });
  });

  it.each(['staff:write', 'stores:keys'] as const)(
    'is read afresh, consistently, on every %s request: a demotion or a deactivation applies at once',
    async (permission) => {
      const staffId = staffOnRecord({ roles: ['admin'], storeIds: [], active: true });
      expect((await call(route(permission), staffContext(staffId))).status).toBe(200);
      records.byId.set(staffId, { roles: ['analyst'], storeIds: [], active: true });
      expect(await call(route(permission), staffContext(staffId))).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN' },
      });
      records.byId.set(staffId, { roles: ['admin'], storeIds: [], active: false });
      expect(await call(route(permission), staffContext(staffId))).toMatchObject({
        status: 401,
        body: { code: 'UNAUTHORIZED' },
      });
      expect(readsOf(staffId).map((read) => read.consistent)).toEqual([true, true, true]);
    },
  );

  it('is remembered by the instance for at most 30 s on other routes', async () => {
    const staffId = staffOnRecord({ roles: ['admin'], storeIds: [], active: true });
    expect((await call(route('audit:read'), staffContext(staffId))).status).toBe(200);
    records.byId.set(staffId, { roles: ['admin'], storeIds: [], active: false });
    vi.setSystemTime(Date.now() + STAFF_AUTHORITY_MAX_AGE_MS - 1);
    expect((await call(route('audit:read'), staffContext(staffId))).status).toBe(200);
    vi.setSystemTime(Date.now() + 1);
    expect(await call(route('audit:read'), staffContext(staffId))).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHORIZED' },
    });
    expect(readsOf(staffId).map((read) => read.consistent)).toEqual([false, false]);
  });

  it('is refused for a staff member who is not on record', async () => {
    expect(await call(route('audit:read'), staffContext('nobody'))).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHORIZED' },
    });
  });

  it('forgets a read that failed, so that the next request reads again', async () => {
    const staffId = staffOnRecord({ roles: ['broken' as never], storeIds: [], active: true });
    await expect(staffAuthorityOf(staffId, { fresh: false })).rejects.toThrow('unavailable');
    records.byId.set(staffId, { roles: ['admin'], storeIds: [], active: true });
    await expect(staffAuthorityOf(staffId, { fresh: false })).resolves.toMatchObject({ roles: ['admin'] });
  });

  it('answers from the copy a fresh read left, and replaces an older copy with it', async () => {
    const staffId = staffOnRecord({ roles: ['marketer'], storeIds: [], active: true });
    await staffAuthorityOf(staffId, { fresh: false });
    records.byId.set(staffId, { roles: ['support'], storeIds: [], active: true });
    await expect(staffAuthorityOf(staffId, { fresh: true })).resolves.toMatchObject({ roles: ['support'] });
    await expect(staffAuthorityOf(staffId, { fresh: false })).resolves.toMatchObject({ roles: ['support'] });
    expect(readsOf(staffId)).toHaveLength(2);
  });
});

describe('staff routes', () => {
  it('may all read the staff records the HTTP stack takes roles from', () => {
    const staffRoutes = declarations().filter(
      ([, d]) => d.trigger.kind === 'http' && (d.trigger.route as RouteContract).auth.kind === 'staff',
    );
    expect(staffRoutes.length).toBeGreaterThan(30);
    for (const [name, d] of staffRoutes) expect(d.access.tables?.main?.reads, name).toContain('get');
  });
});
