// The local API Gateway's authorizers answer as API Gateway does: 401 for `Unauthorized`, 403 for a Deny,
// 500 for a broken authorizer, and POS requests refused by the API key check in the POS wording.
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { handler as posKeyAuthorizer } from '../../functions/pos/pos-key-authorizer';
import { posUsageKeyValue } from '../../lib/http/gateway';
import type { RouteContract } from '../../lib/http/route';
import { LocalApiGateway, type UsagePlanGate } from '../../lib/local/api-gateway';

const staffRoute: RouteContract = {
  method: 'GET',
  path: '/v1/admin/things',
  auth: { kind: 'staff', permission: 'stores:read' },
  tag: 'customers',
  summary: 's',
  responses: {},
};
const posRoute: RouteContract = {
  method: 'POST',
  path: '/v1/pos/things',
  auth: { kind: 'pos' },
  tag: 'customers',
  summary: 's',
  responses: {},
};

const policy = (effect: 'Allow' | 'Deny'): APIGatewayAuthorizerResult => ({
  principalId: 'staff-1',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: 'arn:aws:execute-api:*' }],
  },
  context: { kind: 'staff' },
});

/** A gateway whose bearer authorizer answers with `bearer`, and whose usage plan knows one till's key. */
function gatewayWith(bearer: () => unknown) {
  const calls: string[] = [];
  const invoke = vi.fn(async (functionName: string, event: unknown) => {
    calls.push(functionName);
    if (functionName === 'authorizer') return bearer();
    if (functionName === 'posKeyAuthorizer') return posKeyAuthorizer(event as never);
    return { statusCode: 200, body: '{}' };
  });
  const usagePlans: UsagePlanGate = {
    admit: (key) => (key === posUsageKeyValue('till-1') ? 'admitted' : 'invalid-key'),
  };
  const gateway = new LocalApiGateway({
    routes: [
      { functionName: 'staffThing', route: staffRoute },
      { functionName: 'posThing', route: posRoute },
    ],
    authorizer: { functionName: 'authorizer', cacheTtlSeconds: 300 },
    posKeys: { authorizer: { functionName: 'posKeyAuthorizer', cacheTtlSeconds: 0 }, usagePlans },
    invoke,
    throttle: { rateLimit: 1000, burstLimit: 1000 },
    stage: 'test',
  });
  const request = (route: RouteContract, headers: Record<string, string>) =>
    gateway.handle({
      method: route.method,
      path: route.path,
      query: new URLSearchParams(),
      headers,
      body: '{}',
      sourceIp: '127.0.0.1',
    });
  return { request, calls };
}

const bodyOf = (response: { body: string }) => JSON.parse(response.body) as Record<string, unknown>;

describe('LocalApiGateway authorizers', () => {
  it('answers 401 UNAUTHORIZED when the authorizer fails with exactly Unauthorized, and caches nothing', async () => {
    const { request, calls } = gatewayWith(() => {
      throw new Error('Unauthorized');
    });
    for (let i = 0; i < 2; i++) {
      const response = await request(staffRoute, { authorization: 'Bearer x.y.z' });
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(bodyOf(response)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    }
    expect(calls).toEqual(['authorizer', 'authorizer']);
  });

  it('answers 403 FORBIDDEN for a Deny policy, which it caches like an Allow', async () => {
    const { request, calls } = gatewayWith(() => policy('Deny'));
    for (let i = 0; i < 2; i++) {
      const response = await request(staffRoute, { authorization: 'Bearer x.y.z' });
      expect(response.status).toBe(403);
      expect(bodyOf(response)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    expect(calls).toEqual(['authorizer']);
  });

  it('passes an Allow on to the function', async () => {
    const { request, calls } = gatewayWith(() => policy('Allow'));
    expect((await request(staffRoute, { authorization: 'Bearer x.y.z' })).status).toBe(200);
    expect(calls).toEqual(['authorizer', 'staffThing']);
  });

  it.each([
    ['fails with another message', () => Promise.reject(new Error('unauthorized'))],
    ['answers without a policy', () => ({ principalId: 'x' })],
  ])('answers 500 when the authorizer %s', async (_, bearer) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { request, calls } = gatewayWith(bearer);
    const response = await request(staffRoute, { authorization: 'Bearer x.y.z' });
    expect(response.status).toBe(500);
    expect(bodyOf(response)).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(calls).toEqual(['authorizer']);
  });

  it('answers 401 without calling the authorizer when its identity source is missing', async () => {
    const { request, calls } = gatewayWith(() => policy('Allow'));
    const response = await request(staffRoute, {});
    expect(response.status).toBe(401);
    expect(bodyOf(response)).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(calls).toEqual([]);
  });

  it.each([
    ['no POS headers', {}],
    ['an unknown key', { 'x-pos-key': 'till-9', 'x-pos-timestamp': '1', 'x-pos-signature': 'v1=0' }],
  ])(
    'calls the POS key authorizer for a request with %s and refuses it with 401 POS_SIGNATURE_INVALID',
    async (_, headers) => {
      const { request, calls } = gatewayWith(() => policy('Allow'));
      const response = await request(posRoute, headers);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(bodyOf(response)).toMatchObject({ status: 401, code: 'POS_SIGNATURE_INVALID' });
      expect(bodyOf(response).detail).toMatch(/X-Pos-Key.*X-Pos-Timestamp.*X-Pos-Signature/);
      expect(calls).toEqual(['posKeyAuthorizer']);
    },
  );

  it('calls the POS key authorizer on every request, having no identity source to cache by', async () => {
    const { request, calls } = gatewayWith(() => policy('Allow'));
    for (let i = 0; i < 2; i++) expect((await request(posRoute, { 'x-pos-key': 'till-1' })).status).toBe(200);
    expect(calls).toEqual(['posKeyAuthorizer', 'posThing', 'posKeyAuthorizer', 'posThing']);
  });

  it('refuses an authorizer that would cache without identity sources, as API Gateway does', () => {
    expect(
      () =>
        new LocalApiGateway({
          routes: [],
          authorizer: { functionName: 'authorizer', cacheTtlSeconds: 300 },
          posKeys: {
            authorizer: { functionName: 'posKeyAuthorizer', cacheTtlSeconds: 300 },
            usagePlans: { admit: () => 'admitted' },
          },
          invoke: async () => undefined,
          throttle: { rateLimit: 1, burstLimit: 1 },
          stage: 'test',
        }),
    ).toThrow(/identity sources/);
  });
});

describe('LocalApiGateway routing', () => {
  it('answers a known path called with a method it lacks with 405 and Allow, before any authorizer', async () => {
    const { request, calls } = gatewayWith(() => policy('Allow'));
    const wrong = await request({ ...staffRoute, method: 'DELETE' }, {});
    expect(wrong.status).toBe(405);
    expect(wrong.headers).toMatchObject({ allow: 'GET', 'content-type': 'application/problem+json' });
    expect(bodyOf(wrong)).toMatchObject({
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      detail: 'This path answers GET.',
    });
    expect(calls).toEqual([]);
  });

  it('still answers a path it does not know with 404 ROUTE_NOT_FOUND', async () => {
    const { request } = gatewayWith(() => policy('Allow'));
    const unknown = await request({ ...staffRoute, path: '/v1/admin/nothing-here' }, {});
    expect(unknown.status).toBe(404);
    expect(bodyOf(unknown)).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });
});

describe('LocalApiGateway cookies and routes for any staff member', () => {
  const cookieRoute: RouteContract = {
    method: 'POST',
    path: '/v1/admin/auth/refresh',
    auth: { kind: 'public', credential: 'consoleRefreshCookie' },
    tag: 'auth',
    summary: 's',
    responses: {},
  };
  const meRoute: RouteContract = { ...staffRoute, path: '/v1/admin/me', auth: { kind: 'anyStaff' } };

  function gateway(answer: unknown) {
    const events: { name: string; event: Record<string, unknown> }[] = [];
    const local = new LocalApiGateway({
      routes: [
        { functionName: 'refresh', route: cookieRoute },
        { functionName: 'me', route: meRoute },
      ],
      authorizer: { functionName: 'authorizer', cacheTtlSeconds: 300 },
      invoke: async (name, event) => {
        events.push({ name, event: event as Record<string, unknown> });
        return name === 'authorizer' ? policy('Allow') : answer;
      },
      throttle: { rateLimit: 1000, burstLimit: 1000 },
      stage: 'test',
    });
    const request = (route: RouteContract, headers: Record<string, string>) =>
      local.handle({
        method: route.method,
        path: route.path,
        query: new URLSearchParams(),
        headers,
        body: '',
        sourceIp: '127.0.0.1',
      });
    return { request, events };
  }

  it('hands the Cookie header to the function as API Gateway does, in headers and multiValueHeaders', async () => {
    const { request, events } = gateway({ statusCode: 204, body: '' });
    await request(cookieRoute, { cookie: 'sbm_console_refresh=t1; theme=dark', 'x-sbm-client': 'console' });
    expect(events.map(({ name }) => name)).toEqual(['refresh']);
    expect(events[0]!.event).toMatchObject({
      headers: { cookie: 'sbm_console_refresh=t1; theme=dark' },
      multiValueHeaders: { cookie: ['sbm_console_refresh=t1; theme=dark'] },
    });
  });

  it("sends each of a function's Set-Cookie values as a header of its own, merged with its single headers", async () => {
    const { request } = gateway({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json', 'Set-Cookie': 'a=0' },
      multiValueHeaders: { 'Set-Cookie': ['a=1; HttpOnly', 'b=2; HttpOnly'] },
      body: '{}',
    });
    const response = await request(cookieRoute, {});
    expect(response.headers['set-cookie']).toEqual(['a=0', 'a=1; HttpOnly', 'b=2; HttpOnly']);
    expect(response.headers['content-type']).toBe('application/json');
  });

  it('gives a value sent both ways once', async () => {
    const { request } = gateway({
      statusCode: 200,
      headers: { 'set-cookie': 'a=1' },
      multiValueHeaders: { 'set-cookie': ['a=1'] },
      body: '',
    });
    expect((await request(cookieRoute, {})).headers['set-cookie']).toEqual(['a=1']);
  });

  it('runs the bearer authorizer for a route any staff member may call, and none for a cookie route', async () => {
    const { request, events } = gateway({ statusCode: 200, body: '{}' });
    expect((await request(meRoute, {})).status).toBe(401);
    expect((await request(meRoute, { authorization: 'Bearer x.y.z' })).status).toBe(200);
    expect((await request(cookieRoute, { authorization: 'Bearer x.y.z' })).status).toBe(200);
    expect(events.map(({ name }) => name)).toEqual(['authorizer', 'me', 'refresh']);
  });
});
