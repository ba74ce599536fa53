import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { parse } from '@aws-lambda-powertools/parser';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger, metrics, tracer } from '../observability';
import { principalSchema, type Principal } from '../auth/principal';
import { fieldErrorsFrom, problems, toProblemDocument, Problem } from './problem';
import type { RouteContract } from './route';

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;
type BodyOf<R> = R extends RouteContract<infer B, z.ZodType | undefined> ? Parsed<B> : never;
type QueryOf<R> = R extends RouteContract<z.ZodType | undefined, infer Q> ? Parsed<Q> : never;

export interface HttpRequest<R extends RouteContract> {
  body: BodyOf<R>;
  query: QueryOf<R>;
  /** Present on every route whose auth rule is not public. */
  principal: R['auth'] extends { kind: 'public' } ? undefined : Principal;
  headers: Record<string, string | undefined>;
  pathParameters: Record<string, string | undefined>;
  correlationId: string;
  sourceIp: string | undefined;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

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

export function correlationIdOf(event: Pick<APIGatewayProxyEvent, 'headers' | 'requestContext'>): string {
  const fromHeader = lowerCaseHeaders(event.headers)['x-correlation-id'];
  return fromHeader && /^[\w.:-]{1,128}$/.test(fromHeader) ? fromHeader : event.requestContext.requestId;
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, location: string): z.infer<S> {
  const result = parse(value, undefined, schema, true);
  if (!result.success) {
    const issues = (result.error.cause ?? []) as { path?: PropertyKey[]; message: string }[];
    throw problems.validation(fieldErrorsFrom(issues, location));
  }
  return result.data as z.infer<S>;
}

function readBody(
  route: RouteContract,
  event: APIGatewayProxyEvent,
  headers: Record<string, string | undefined>,
) {
  if (!route.body) return undefined;
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (Buffer.byteLength(raw, 'utf8') > limit) throw problems.payloadTooLarge(limit);
  const contentType = headers['content-type'];
  if (raw && contentType && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType))
    throw problems.unsupportedMediaType();
  let json: unknown;
  try {
    json = raw ? JSON.parse(raw) : undefined;
  } catch {
    throw problems.malformedJson();
  }
  return parseWith(route.body, json, 'body');
}

function principalOf(route: RouteContract, event: APIGatewayProxyEvent): Principal | undefined {
  if (route.auth.kind === 'public') return undefined;
  const result = principalSchema.safeParse(event.requestContext.authorizer ?? {});
  // The authorizer guards every non-public route; a missing principal means a misconfigured route.
  if (!result.success) throw problems.unauthorized();
  return result.data;
}

function respond(status: number, body: unknown, headers: Record<string, string>, correlationId: string) {
  const isProblem = status >= 400;
  return {
    statusCode: status,
    headers: {
      ...securityHeaders,
      ...(body === undefined
        ? {}
        : { 'content-type': isProblem ? 'application/problem+json' : 'application/json' }),
      'x-correlation-id': correlationId,
      ...headers,
    },
    body: body === undefined ? '' : JSON.stringify(body),
  } satisfies APIGatewayProxyResult;
}

/**
 * The one middy stack for HTTP routes: tracer, logger with correlation id, metrics, request parsing
 * against the route contract, and the single error mapper. The handler only does the domain call.
 */
export function httpHandler<R extends RouteContract>(
  route: R,
  handle: (request: HttpRequest<R>) => Promise<HttpResult>,
) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(captureLambdaHandler(tracer))
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
        request.response = respond(document.status, document, headers, correlationId);
      },
    })
    .handler(async (event) => {
      const correlationId = correlationIdOf(event);
      const headers = lowerCaseHeaders(event.headers);
      const request = {
        principal: principalOf(route, event),
        body: readBody(route, event, headers),
        query: route.query ? parseWith(route.query, event.queryStringParameters ?? {}, 'query') : undefined,
        headers,
        pathParameters: event.pathParameters ?? {},
        correlationId,
        sourceIp: event.requestContext.identity?.sourceIp,
      } as HttpRequest<R>;
      const result = await handle(request);
      return respond(result.status, result.body, result.headers ?? {}, correlationId);
    });
}
