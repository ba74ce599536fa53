import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parse } from '@aws-lambda-powertools/parser';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from '../zod';
import { logger, metrics } from '../observability';
import { trustedCorrelationId } from '../observability/correlation';
import {
  CLOCK_TOLERANCE_SECONDS,
  customerContextSchema,
  staffContextSchema,
  tokenContextSchema,
  type CustomerPrincipal,
  type PosCaller,
  type StaffPrincipal,
} from '../auth/principal';
import { FRESH_ROLE_PERMISSIONS, rolesAllow } from '../auth/permissions';
import { parseCookies } from './cookies';
import { gatewayProblems } from './gateway';
import { fieldErrorsFrom, problems, toProblemDocument, Problem } from './problem';
import { DEFAULT_MAX_BODY_BYTES, type AuthRule, type RouteContract } from './route';
import { spoofingCharacterIn } from './text-safety';

/** No request body needs more nesting; deeper documents are an attack on the parser or validator. */
const MAX_JSON_DEPTH = 20;

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_JSON_DEPTH || value === null || typeof value !== 'object') return depth;
  return Math.max(depth + 1, ...Object.values(value as object).map((child) => depthOf(child, depth + 1)));
}

type Parsed<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;
type AnyZod = z.ZodMiniType | undefined;
type BodyOf<R> = R extends RouteContract<infer B, AnyZod, AuthRule, AnyZod> ? Parsed<B> : never;
type QueryOf<R> = R extends RouteContract<AnyZod, infer Q, AuthRule, AnyZod> ? Parsed<Q> : never;
type ParamsOf<R> = R extends RouteContract<AnyZod, AnyZod, AuthRule, infer P> ? Parsed<P> : never;
type CallerOf<A> = A extends { kind: 'customer' }
  ? CustomerPrincipal
  : A extends { kind: 'staff' } | { kind: 'anyStaff' }
    ? StaffPrincipal
    : A extends { kind: 'pos' }
      ? PosCaller
      : undefined;

export interface HttpRequest<R extends RouteContract> {
  body: BodyOf<R>;
  query: QueryOf<R>;
  params: ParamsOf<R>;
  /** Who is calling, as the route's auth rule established; undefined only on public routes. */
  principal: CallerOf<R['auth']>;
  headers: Record<string, string | undefined>;
  /** The request's cookies, from all its Cookie headers. */
  cookies: ReadonlyMap<string, string>;
  pathParameters: Record<string, string | undefined>;
  correlationId: string;
  sourceIp: string | undefined;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Set-Cookie values, each its own header (API Gateway's `multiValueHeaders`). */
  cookies?: string[];
}

// CORS never allows credentials (no Access-Control-Allow-Credentials): a page of another origin cannot
// send the console's cookie and read the answer, whatever the allowed origin is.
const securityHeaders: Record<string, string> = {
  'access-control-allow-origin': process.env.CORS_ALLOW_ORIGIN ?? '*',
  'access-control-expose-headers': 'x-correlation-id',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function lowerCaseHeaders(
  headers: APIGatewayProxyEvent['headers'] | null,
): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

/** Every Cookie header of the request: API Gateway gives repeated headers in `multiValueHeaders`. */
function cookiesOf(event: Pick<APIGatewayProxyEvent, 'headers' | 'multiValueHeaders'>) {
  const named = (headers: Record<string, unknown> | null | undefined) =>
    Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() === 'cookie');
  const repeated = named(event.multiValueHeaders).flatMap(
    ([, values]) => (values as string[] | undefined) ?? [],
  );
  const single = named(event.headers).map(([, value]) => value as string | undefined);
  return parseCookies((repeated.length > 0 ? repeated : single).filter((value) => value !== undefined));
}

/** The client's `x-correlation-id` when it is a well-formed one, else API Gateway's request id. */
export function correlationIdOf(event: Pick<APIGatewayProxyEvent, 'headers' | 'requestContext'>): string {
  return trustedCorrelationId(
    lowerCaseHeaders(event.headers)['x-correlation-id'],
    event.requestContext.requestId,
  );
}

function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown, location: string): z.infer<S> {
  const spoofing = spoofingCharacterIn(value);
  if (spoofing) {
    const field = spoofing.path ? `${location}.${spoofing.path}` : location;
    throw problems.validation([
      {
        field,
        message: `${spoofing.path || location} holds an invisible or direction-changing character (${spoofing.codePoint})`,
      },
    ]);
  }
  const result = parse(value, undefined, schema, true);
  if (!result.success) {
    const issues = (result.error.cause ?? []) as { path?: PropertyKey[]; message: string }[];
    throw problems.validation(fieldErrorsFrom(issues, location));
  }
  return result.data as z.infer<S>;
}

function assertBodySize(route: RouteContract, raw: string) {
  const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (Buffer.byteLength(raw, 'utf8') > limit) throw problems.payloadTooLarge(limit);
}

function readBody(route: RouteContract, raw: string, headers: Record<string, string | undefined>) {
  if (!route.body) return undefined;
  const contentType = headers['content-type'];
  if (raw && contentType && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType))
    throw problems.unsupportedMediaType();
  let json: unknown;
  try {
    // No body at all reads as {}, so optional-only bodies need none and required fields are listed.
    json = raw ? JSON.parse(raw) : {};
  } catch {
    throw problems.malformedJson();
  }
  if (depthOf(json) > MAX_JSON_DEPTH)
    throw problems.validation([
      { field: 'body', message: `body is nested deeper than ${MAX_JSON_DEPTH} levels` },
    ]);
  return parseWith(route.body, json, 'body');
}

/** The answer to a token that is not (or no longer) good: the very problem the authorizer's refusal gets. */
const invalidToken = () => {
  const { status, code, title, detail } = gatewayProblems.UNAUTHORIZED;
  return new Problem(status, code, title, detail);
};

/**
 * Establishes the caller the route's auth rule asks for. Members and staff come with the authorizer's
 * context (a member's token on a staff route, or the reverse, is forbidden); a POS proves itself with
 * the HMAC signature of the raw body, which an API Gateway authorizer never sees.
 *
 * API Gateway reuses the authorizer's answer for a token for minutes, so nothing in it may outlive what
 * it stands for: the token's expiry is checked here on every request, and a staff member's roles, stores
 * and status are read from their record (fresh on routes that hand out authority), never from the token.
 */
export async function callerOf(
  route: RouteContract,
  event: APIGatewayProxyEvent,
  headers: Record<string, string | undefined>,
  rawBody: string,
) {
  const rule = route.auth;
  if (rule.kind === 'public') return undefined;
  if (rule.kind === 'pos') {
    // Key lookup and secret unsealing load with the first POS request, and never in other functions.
    const { authenticatePosRequest } = await import('../pos/signature-check');
    return authenticatePosRequest(headers, rawBody);
  }
  const context = event.requestContext.authorizer ?? {};
  // The authorizer guards every member and staff route; no context means a misconfigured route.
  if (!context.kind) throw problems.unauthorized();
  const token = tokenContextSchema.safeParse(context);
  if (!token.success || token.data.exp + CLOCK_TOLERANCE_SECONDS < Date.now() / 1000) throw invalidToken();
  if (rule.kind === 'customer') {
    const customer = customerContextSchema.safeParse(context);
    if (!customer.success) throw problems.forbidden('This route is for members.');
    const { kind, customerId, sessionId } = customer.data;
    return { kind, customerId, sessionId } satisfies CustomerPrincipal;
  }
  const staff = staffContextSchema.safeParse(context);
  if (!staff.success) throw problems.forbidden('This route is for staff.');
  const { staffId, sessionId } = staff.data;
  // Routes for any staff member (`anyStaff`) need no permission, only an active staff member.
  const permission = rule.kind === 'staff' ? rule.permission : undefined;
  // The staff record's reader loads with the first staff request, and never in member or POS functions.
  const { staffAuthorityOf } = await import('../auth/staff-access');
  const authority = await staffAuthorityOf(staffId, {
    fresh: permission !== undefined && FRESH_ROLE_PERMISSIONS.includes(permission),
  });
  // Deactivated (or deleted) since the token was issued: the token is no longer good.
  if (!authority?.active) throw invalidToken();
  if (permission && !rolesAllow(authority.roles, permission)) {
    throw problems.forbidden(`This route needs the ${permission} permission.`);
  }
  return {
    kind: 'staff',
    staffId,
    sessionId,
    roles: authority.roles,
    storeIds: authority.storeIds,
  } satisfies StaffPrincipal;
}

function rawBodyOf(event: APIGatewayProxyEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function respond(
  status: number,
  body: unknown,
  headers: Record<string, string>,
  correlationId: string,
  cookies: readonly string[] = [],
) {
  const isProblem = status >= 400;
  return {
    statusCode: status,
    // API Gateway sends each value of a multi-value header as a header of its own, as cookies need.
    ...(cookies.length > 0 ? { multiValueHeaders: { 'set-cookie': [...cookies] } } : {}),
    headers: {
      ...securityHeaders,
      ...(body === undefined
        ? {}
        : { 'content-type': isProblem ? 'application/problem+json' : 'application/json' }),
      'x-correlation-id': correlationId,
      ...headers,
    },
    // A handler that sets a text content type answers its string as is (WeChat's push handshake needs that).
    body:
      body === undefined
        ? ''
        : typeof body === 'string' && headers['content-type']?.startsWith('text/')
          ? body
          : JSON.stringify(body),
  } satisfies APIGatewayProxyResult;
}

/**
 * The one middy stack for HTTP routes: logger with correlation id, metrics, request parsing
 * against the route contract, and the single error mapper. The handler only does the domain call.
 */
export function httpHandler<R extends RouteContract>(
  route: R,
  handle: (request: HttpRequest<R>) => Promise<HttpResult>,
) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use({
      before: (request) => {
        const correlationId = correlationIdOf(request.event);
        logger.appendKeys({ correlationId, route: `${route.method} ${route.path}` });
        (request.internal as Record<string, unknown>).correlationId = correlationId;
      },
      onError: (request) => {
        const correlationId = correlationIdOf(request.event);
        const error = request.error;
        const document = toProblemDocument(error, correlationId);
        if (document.status >= 500) logger.error('request failed', error as Error);
        else logger.info('request rejected', { status: document.status, code: document.code });
        const headers = error instanceof Problem ? (error.extra.headers ?? {}) : {};
        const cookies = error instanceof Problem ? error.extra.cookies : undefined;
        request.response = respond(document.status, document, headers, correlationId, cookies);
      },
    })
    .handler(async (event) => {
      const correlationId = correlationIdOf(event);
      const headers = lowerCaseHeaders(event.headers);
      const rawBody = rawBodyOf(event);
      assertBodySize(route, rawBody);
      const request = {
        principal: await callerOf(route, event, headers, rawBody),
        body: readBody(route, rawBody, headers),
        query: route.query ? parseWith(route.query, event.queryStringParameters ?? {}, 'query') : undefined,
        params: route.params ? parseWith(route.params, event.pathParameters ?? {}, 'path') : undefined,
        headers,
        cookies: cookiesOf(event),
        pathParameters: event.pathParameters ?? {},
        correlationId,
        sourceIp: event.requestContext.identity?.sourceIp,
      } as HttpRequest<R>;
      const result = await handle(request);
      return respond(result.status, result.body, result.headers ?? {}, correlationId, result.cookies);
    });
}
