// The HTTP middy stack: every way a request can be wrong ends in a problem+json 4xx before the domain runs.
import { describe, expect, it, vi } from 'vitest';
import * as z from '../../lib/zod';
import { httpHandler } from '../../lib/http/handler';
import { Problem } from '../../lib/http/problem';
import { defineRoute } from '../../lib/http/route';
import { apiEvent, lambdaContext } from '../support/lambda';

const route = defineRoute({
  method: 'POST',
  path: '/v1/things',
  auth: { kind: 'customer' },
  tag: 'customers',
  summary: 'test route',
  body: z.strictObject({ name: z.string().check(z.minLength(1)), count: z.int() }),
  responses: { 200: { description: 'ok' } },
  maxBodyBytes: 256,
});
const principal = { kind: 'customer', customerId: 'c-1', sessionId: 's-1' };

function setup(domain: (request: unknown) => Promise<unknown> = async () => ({ ok: true })) {
  const spy = vi.fn(domain);
  const handler = httpHandler(route, async (request) => ({ status: 200, body: await spy(request) }));
  const call = (
    body: string | undefined,
    extra: { headers?: Record<string, string>; authorizer?: Record<string, unknown> | null } = {},
  ) =>
    handler(
      apiEvent({ method: 'POST', path: '/v1/things', body, authorizer: principal, ...extra }),
      lambdaContext(),
    );
  return { spy, call };
}

const problemOf = (response: { body: string; headers?: Record<string, unknown> }) => {
  expect(response.headers?.['content-type']).toBe('application/problem+json');
  return JSON.parse(response.body) as {
    code: string;
    status: number;
    detail?: string;
    errors?: { field: string }[];
  };
};

describe('httpHandler', () => {
  it('passes the parsed body and principal to the domain and answers JSON with security headers', async () => {
    const { spy, call } = setup();
    const response = await call(JSON.stringify({ name: 'a', count: 2 }), {
      headers: { 'x-correlation-id': 'corr-1' },
    });
    expect(response.statusCode).toBe(200);
    expect(spy).toHaveBeenCalledWith(
      expect.objectContaining({ body: { name: 'a', count: 2 }, principal, correlationId: 'corr-1' }),
    );
    expect(response.headers).toMatchObject({
      'content-type': 'application/json',
      'x-content-type-options': 'nosniff',
      'x-correlation-id': 'corr-1',
      'strict-transport-security': expect.any(String),
    });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const { spy, call } = setup();
    const response = await call('{"name":');
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).code).toBe('MALFORMED_JSON');
    expect(spy).not.toHaveBeenCalled();
  });

  it('lists wrong types and unknown fields', async () => {
    const { spy, call } = setup();
    const response = await call(JSON.stringify({ name: 'a', count: 'two', admin: true }));
    const problem = problemOf(response);
    expect(response.statusCode).toBe(400);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors?.map((error) => error.field)).toEqual(
      expect.arrayContaining(['body.count', 'body.admin']),
    );
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a body over the limit with 413', async () => {
    const { spy, call } = setup();
    const response = await call(JSON.stringify({ name: 'x'.repeat(300), count: 1 }));
    expect(response.statusCode).toBe(413);
    expect(problemOf(response).code).toBe('PAYLOAD_TOO_LARGE');
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses deeply nested JSON before validating it', async () => {
    const { spy, call } = setup();
    const deep = '{"a":'.repeat(30) + '1' + '}'.repeat(30);
    const response = await call(deep);
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.[0]?.field).toBe('body');
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a non-JSON content type with 415', async () => {
    const { call } = setup();
    const response = await call('name=a', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(415);
  });

  it('answers 401 when no principal reached a protected route', async () => {
    const { spy, call } = setup();
    const response = await call(JSON.stringify({ name: 'a', count: 1 }), { authorizer: null });
    expect(response.statusCode).toBe(401);
    expect(spy).not.toHaveBeenCalled();
  });

  it('shows the detail of a domain 4xx', async () => {
    const { call } = setup(async () => {
      throw new Problem(409, 'ALREADY_DONE', 'Conflict', 'It was done before.');
    });
    const problem = problemOf(await call(JSON.stringify({ name: 'a', count: 1 })));
    expect(problem).toMatchObject({ status: 409, code: 'ALREADY_DONE', detail: 'It was done before.' });
  });

  it('hides the internals of an unexpected error behind a 500', async () => {
    const { call } = setup(async () => {
      throw new Error('connection string postgres://secret@db');
    });
    const response = await call(JSON.stringify({ name: 'a', count: 1 }));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(problemOf(response).code).toBe('INTERNAL_ERROR');
  });
});

describe('cookies through the stack', () => {
  const cookieRoute = defineRoute({
    method: 'POST',
    path: '/v1/admin/auth/cookie-test',
    auth: { kind: 'public' },
    tag: 'auth',
    summary: 'test route',
    responses: { 200: { description: 'ok' } },
  });
  const seen: ReadonlyMap<string, string>[] = [];
  const handler = httpHandler(cookieRoute, async ({ cookies, headers }) => {
    seen.push(cookies);
    if (headers['x-fail'])
      throw new Problem(401, 'UNAUTHORIZED', 'Unauthorized', 'no', { cookies: ['a=; Max-Age=0'] });
    return { status: 200, body: {}, cookies: ['a=1; HttpOnly', 'b=2; HttpOnly'] };
  });
  const send = (event: Partial<ReturnType<typeof apiEvent>>, headers: Record<string, string> = {}) =>
    handler({ ...apiEvent({ method: 'POST', path: cookieRoute.path, headers }), ...event }, lambdaContext());

  it('sets each cookie as a Set-Cookie of its own, in multiValueHeaders as API Gateway takes them', async () => {
    const response = await send({});
    expect(response.multiValueHeaders).toEqual({ 'set-cookie': ['a=1; HttpOnly', 'b=2; HttpOnly'] });
    // Not also folded into the single-value headers, where API Gateway would send them twice.
    expect(Object.keys(response.headers ?? {}).map((name) => name.toLowerCase())).not.toContain('set-cookie');
  });

  it('sets the cookies of a refusal too', async () => {
    const response = await send({}, { 'x-fail': '1' });
    expect(response.statusCode).toBe(401);
    expect(response.multiValueHeaders).toEqual({ 'set-cookie': ['a=; Max-Age=0'] });
  });

  it('reads the cookies of every Cookie header, from multiValueHeaders when API Gateway gives them there', async () => {
    await send({
      headers: { Cookie: 'c=3' },
      multiValueHeaders: { Cookie: ['sbm_console_refresh=t1', 'c=3'] },
    });
    expect(Object.fromEntries(seen.at(-1)!)).toEqual({ sbm_console_refresh: 't1', c: '3' });
    await send({ headers: { cookie: 'sbm_console_refresh=t2; d=4' }, multiValueHeaders: {} });
    expect(Object.fromEntries(seen.at(-1)!)).toEqual({ sbm_console_refresh: 't2', d: '4' });
  });

  it('never lets a page of another origin send cookies and read the answer', async () => {
    const response = await send({});
    const names = Object.keys(response.headers ?? {}).map((name) => name.toLowerCase());
    expect(names).toContain('access-control-allow-origin');
    expect(names).not.toContain('access-control-allow-credentials');
  });
});
