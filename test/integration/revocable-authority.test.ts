// The API Gateway authorizer's answer is cached for 300 s per token: replayed here, as API Gateway would,
// to real handlers against DynamoDB Local. Nothing in it may outlive the token's expiry, a demotion or a
// deactivation: the HTTP stack checks those on every request.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authorizeBearer } from '../../lib/auth/authorizer';
import type { StaffRole } from '../../lib/auth/permissions';
import { openSession } from '../../lib/auth/session-tokens';
import { createStaff, deactivateStaff, setStaffRoles } from '../../lib/auth/staff';
import { STAFF_AUTHORITY_MAX_AGE_MS } from '../../lib/auth/staff-access';
import { CLOCK_TOLERANCE_SECONDS } from '../../lib/auth/principal';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../lib/auth/tokens';
import { gatewayProblemDocument } from '../../lib/http/gateway';
import { apiEvent, lambdaContext } from '../support/lambda';
import { unique } from '../support/members';

process.env.JWT_SIGNING_KEYS = JSON.stringify({ currentKid: 'k1', k1: 'y'.repeat(64) });
const methodArn = 'arn:aws:execute-api:cn-north-1:123:abc/prod/GET/v1/admin/audit';

afterEach(() => vi.useRealTimers());

/** A signed-in staff member, and the authorizer's answer for their token as API Gateway caches it. */
async function signedInStaff(roles: StaffRole[]) {
  const { staffId } = await createStaff({
    email: `${unique('staff')}@sbm.local`,
    name: 'Staff',
    roles,
    password: `pw-${randomUUID()}`,
  });
  const { accessToken } = await openSession({ kind: 'staff', id: staffId });
  const { context } = await authorizeBearer(`Bearer ${accessToken}`, methodArn);
  return { staffId, accessToken, cachedContext: context! };
}

type Handler = (event: APIGatewayProxyEvent, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
const handlers = {
  audit: async () => (await import('../../functions/audit/list-audit-entries')).handler as Handler,
  createStaff: async () => (await import('../../functions/staff/create-staff')).handler as Handler,
};
async function call(route: keyof typeof handlers, authorizer: Record<string, unknown>) {
  const handler = await handlers[route]();
  const event =
    route === 'audit'
      ? apiEvent({ method: 'GET', path: '/v1/admin/audit', authorizer, query: { limit: '1' } })
      : apiEvent({
          method: 'POST',
          path: '/v1/admin/staff',
          authorizer,
          body: JSON.stringify({
            email: `${unique('new-admin')}@sbm.local`,
            name: 'New Admin',
            roles: ['admin'],
            password: `pw-${randomUUID()}`,
          }),
        });
  const response = (await handler(event, lambdaContext())) as { statusCode: number; body: string };
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}

describe("the authorizer's cached answer", () => {
  it('names the holder and the expiry of the token, and no roles', async () => {
    const { staffId, cachedContext } = await signedInStaff(['admin']);
    expect(Object.keys(cachedContext).sort()).toEqual(['exp', 'kind', 'sessionId', 'staffId']);
    expect(cachedContext.staffId).toBe(staffId);
  });

  it('does not let a token work past its expiry', async () => {
    const { cachedContext } = await signedInStaff(['admin']);
    expect((await call('audit', cachedContext)).status).toBe(200);
    vi.useFakeTimers({
      toFake: ['Date'],
      now: Date.now() + (ACCESS_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS + 1) * 1000,
    });
    // Within the cache's 300 s, API Gateway would hand the same answer to the function.
    expect(await call('audit', cachedContext)).toEqual({
      status: 401,
      body: { ...gatewayProblemDocument('UNAUTHORIZED'), correlationId: 'request-1' },
    });
  });

  it('does not carry the roles of an admin demoted to analyst: refused at once where staff are managed, within 30 s elsewhere', async () => {
    const { staffId, cachedContext } = await signedInStaff(['admin']);
    expect((await call('createStaff', cachedContext)).status).toBe(201);
    expect((await call('audit', cachedContext)).status).toBe(200);
    await setStaffRoles(staffId, ['analyst']);
    expect(await call('createStaff', cachedContext)).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + STAFF_AUTHORITY_MAX_AGE_MS + 1 });
    expect(await call('audit', cachedContext)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('does not outlive a deactivation: refused at once where staff are managed, within 30 s elsewhere', async () => {
    const { staffId, accessToken, cachedContext } = await signedInStaff(['admin']);
    expect((await call('audit', cachedContext)).status).toBe(200);
    await deactivateStaff(staffId);
    expect(await call('createStaff', cachedContext)).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHORIZED' },
    });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + STAFF_AUTHORITY_MAX_AGE_MS + 1 });
    expect(await call('audit', cachedContext)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    // Once the cached answer expires, the authorizer refuses the token outright.
    await expect(authorizeBearer(`Bearer ${accessToken}`, methodArn)).rejects.toThrow('Unauthorized');
  });
});
