import { randomUUID } from 'node:crypto';
import type { APIGatewayAuthorizerResult, APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { UNAUTHORIZED } from '../auth/authorizer-policy';
import {
  allowHeader,
  authorizerIdentityHeaders,
  gatewayProblemDocument,
  methodNotAllowedDocument,
  type GatewayProblem,
} from '../http/gateway';
import { usesBearerToken, type RouteContract } from '../http/route';

export interface LocalRoute {
  functionName: string;
  route: RouteContract;
}

interface CompiledRoute extends LocalRoute {
  pattern: RegExp;
  parameterNames: string[];
  /** The route's own limit, where it has one. */
  bucket?: TokenBucket;
}

export interface GatewayRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
  sourceIp: string;
}

export interface GatewayResponse {
  status: number;
  /** A header with several values (Set-Cookie) is a list: each value is sent as a header of its own. */
  headers: Record<string, string | string[]>;
  body: string;
}

interface LocalAuthorizer {
  functionName: string;
  cacheTtlSeconds: number;
}

/** API keys and usage plans as the POS routes use them: admit a usage key, or say why not. */
export interface UsagePlanGate {
  admit(usageIdentifierKey: string | undefined): 'admitted' | 'invalid-key' | 'throttled';
}

export interface ApiGatewayOptions {
  routes: LocalRoute[];
  authorizer: LocalAuthorizer;
  /** POS routes: the authorizer naming each request's usage plan key, and the plans that admit it. */
  posKeys?: { authorizer: LocalAuthorizer; usagePlans: UsagePlanGate };
  invoke: (functionName: string, event: unknown) => Promise<unknown>;
  throttle: { rateLimit: number; burstLimit: number };
  stage: string;
}

const API_ID = 'localapi';

/** A token bucket like API Gateway's stage throttling. */
class TokenBucket {
  private tokens: number;
  private last = Date.now();
  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

function compile(route: LocalRoute): CompiledRoute {
  const parameterNames: string[] = [];
  const source = route.route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    parameterNames.push(name);
    return '([^/]+)';
  });
  const throttle = route.route.throttle;
  return {
    ...route,
    pattern: new RegExp(`^${source}$`),
    parameterNames,
    bucket: throttle ? new TokenBucket(throttle.rateLimit, throttle.burstLimit) : undefined,
  };
}

function methodArn(stage: string, method: string, resourcePath: string) {
  return `arn:aws:execute-api:us-east-1:000000000000:${API_ID}/${stage}/${method}${resourcePath}`;
}

/** Whether an authorizer's answer is one API Gateway can use: a principal and a policy. */
function isAuthorizerResult(result: unknown): result is APIGatewayAuthorizerResult {
  const candidate = result as Partial<APIGatewayAuthorizerResult> | null;
  return (
    typeof candidate?.principalId === 'string' && Array.isArray(candidate.policyDocument?.Statement ?? null)
  );
}

/** Whether a policy statement's resource (with `*` wildcards) covers the method ARN. */
function policyAllows(result: APIGatewayAuthorizerResult, arn: string): boolean {
  const statements = result.policyDocument.Statement as { Effect: string; Resource: string | string[] }[];
  const covers = (resource: string) =>
    new RegExp(
      `^${resource
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    ).test(arn);
  const matching = statements.filter((statement) => [statement.Resource].flat().some(covers));
  return matching.length > 0 && matching.every((statement) => statement.Effect === 'Allow');
}

/**
 * API Gateway (REST, v1 proxy integration) on a laptop: routes from the manifest, the Lambda REQUEST
 * authorizer with result caching, stage throttling, complete proxy events, gateway responses as
 * problem+json, and 405 with `Allow` for a known path called with a method it does not have.
 */
export class LocalApiGateway {
  private readonly routes: CompiledRoute[];
  private readonly bucket: TokenBucket;
  private readonly authorizerCache = new Map<string, { result: APIGatewayAuthorizerResult; until: number }>();

  constructor(private readonly options: ApiGatewayOptions) {
    this.routes = options.routes.map(compile);
    this.bucket = new TokenBucket(options.throttle.rateLimit, options.throttle.burstLimit);
    const authorizers = [
      { ...options.authorizer, identityHeaders: authorizerIdentityHeaders.bearer },
      ...(options.posKeys
        ? [{ ...options.posKeys.authorizer, identityHeaders: authorizerIdentityHeaders.posKey }]
        : []),
    ];
    for (const authorizer of authorizers)
      if (authorizer.identityHeaders.length === 0 && authorizer.cacheTtlSeconds > 0)
        throw new Error(
          `${authorizer.functionName}: API Gateway caches an authorizer's results only by identity sources, and it has none`,
        );
  }

  private problem(kind: GatewayProblem, requestId: string): GatewayResponse {
    const document = gatewayProblemDocument(kind, requestId);
    return {
      status: document.status,
      headers: { 'content-type': 'application/problem+json', 'x-correlation-id': requestId },
      body: JSON.stringify(document),
    };
  }

  async handle(request: GatewayRequest): Promise<GatewayResponse> {
    const requestId = randomUUID();
    if (!this.bucket.take()) {
      const throttled = this.problem('THROTTLED', requestId);
      return { ...throttled, headers: { ...throttled.headers, 'retry-after': '1' } };
    }
    const candidates = this.routes.filter((route) => route.pattern.test(request.path));
    const route = candidates.find((candidate) => candidate.route.method === request.method);
    if (!route && candidates.length > 0) {
      const allow = allowHeader(candidates.map((candidate) => candidate.route.method));
      const document = methodNotAllowedDocument(allow, requestId);
      return {
        status: document.status,
        headers: { 'content-type': 'application/problem+json', 'x-correlation-id': requestId, allow },
        body: JSON.stringify(document),
      };
    }
    if (!route) return this.problem('MISSING_AUTHENTICATION_TOKEN', requestId);
    if (route.bucket && !route.bucket.take()) {
      const throttled = this.problem('THROTTLED', requestId);
      return { ...throttled, headers: { ...throttled.headers, 'retry-after': '1' } };
    }
    const pathParameters = Object.fromEntries(
      route.parameterNames.map((name, index) => [
        name,
        decodeURIComponent(route.pattern.exec(request.path)![index + 1]!),
      ]),
    );
    const arn = methodArn(this.options.stage, request.method, route.route.path);

    let authorizer: Record<string, unknown> | null = null;
    // Members and staff pass the bearer authorizer. POS requests prove themselves by signature in the
    // function; their authorizer names the usage plan key that gives each till its own limit.
    if (usesBearerToken(route.route.auth)) {
      const outcome = await this.authorize(request, route, arn, pathParameters, requestId, {
        ...this.options.authorizer,
        identityHeaders: authorizerIdentityHeaders.bearer,
      });
      if ('status' in outcome) return outcome;
      authorizer = outcome.context;
    } else if (route.route.auth.kind === 'pos' && this.options.posKeys) {
      const outcome = await this.authorize(request, route, arn, pathParameters, requestId, {
        ...this.options.posKeys.authorizer,
        identityHeaders: authorizerIdentityHeaders.posKey,
      });
      if ('status' in outcome) return outcome;
      // POS methods require an API key: the usage plan key the authorizer named, enabled and in the plan.
      const admission = this.options.posKeys.usagePlans.admit(outcome.usageIdentifierKey);
      if (admission === 'invalid-key') return this.problem('INVALID_API_KEY', requestId);
      if (admission === 'throttled') {
        const throttled = this.problem('THROTTLED', requestId);
        return { ...throttled, headers: { ...throttled.headers, 'retry-after': '1' } };
      }
      authorizer = outcome.context;
    }

    const event = this.proxyEvent(request, route, pathParameters, authorizer, requestId);
    let result: APIGatewayProxyResult;
    try {
      result = (await this.options.invoke(route.functionName, event)) as APIGatewayProxyResult;
    } catch (error) {
      console.error(`[api] ${route.functionName} failed:`, (error as Error).message);
      return this.problem('DEFAULT_5XX', requestId);
    }
    if (!result || typeof result.statusCode !== 'number') return this.problem('DEFAULT_5XX', requestId);
    const headers: GatewayResponse['headers'] = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    // API Gateway merges `multiValueHeaders` into `headers`, a value given in both once.
    for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
      const single = headers[name.toLowerCase()];
      const merged = values.map(String);
      if (typeof single === 'string' && !merged.includes(single)) merged.unshift(single);
      headers[name.toLowerCase()] = merged;
    }
    const body = result.isBase64Encoded
      ? Buffer.from(result.body, 'base64').toString('utf8')
      : (result.body ?? '');
    return { status: result.statusCode, headers, body };
  }

  private async authorize(
    request: GatewayRequest,
    route: CompiledRoute,
    arn: string,
    pathParameters: Record<string, string>,
    requestId: string,
    authorizer: LocalAuthorizer & { identityHeaders: readonly string[] },
  ): Promise<{ context: Record<string, unknown>; usageIdentifierKey?: string } | GatewayResponse> {
    // Without one of its identity sources API Gateway answers 401 itself, and never calls the authorizer.
    const identity = authorizer.identityHeaders.map((name) => request.headers[name.toLowerCase()]);
    if (identity.some((value) => !value)) return this.problem('UNAUTHORIZED', requestId);
    const cacheKey =
      identity.length > 0 && authorizer.cacheTtlSeconds > 0
        ? `${authorizer.functionName}|${identity.join(',')}`
        : undefined;
    const cached = cacheKey ? this.authorizerCache.get(cacheKey) : undefined;
    let result: APIGatewayAuthorizerResult;
    if (cached && cached.until > Date.now()) {
      result = cached.result;
    } else {
      let answer: unknown;
      try {
        // A REQUEST authorizer sees the request as the proxy integration would, without the body.
        const {
          body: _body,
          isBase64Encoded: _encoded,
          ...requestParts
        } = this.proxyEvent(request, route, pathParameters, null, requestId);
        answer = await this.options.invoke(authorizer.functionName, {
          type: 'REQUEST',
          methodArn: arn,
          ...requestParts,
        });
      } catch (error) {
        // Exactly this message is a 401 (and is not cached); any other failure is the authorizer's, a 500.
        if ((error as Error).message === UNAUTHORIZED) return this.problem('UNAUTHORIZED', requestId);
        console.error('[api] authorizer failed:', (error as Error).message);
        return this.problem('AUTHORIZER_FAILURE', requestId);
      }
      if (!isAuthorizerResult(answer)) {
        console.error('[api] authorizer answered without a principal and a policy');
        return this.problem('AUTHORIZER_CONFIGURATION_ERROR', requestId);
      }
      result = answer;
      // A policy is cached whether it allows or denies.
      if (cacheKey)
        this.authorizerCache.set(cacheKey, { result, until: Date.now() + authorizer.cacheTtlSeconds * 1000 });
    }
    // A Deny, or no statement covering the method, is a 403.
    if (!policyAllows(result, arn)) return this.problem('ACCESS_DENIED', requestId);
    return {
      context: { ...(result.context ?? {}), principalId: result.principalId },
      usageIdentifierKey: result.usageIdentifierKey ?? undefined,
    };
  }

  /** Forgets cached authorizer results, as a redeploy of the stage would. */
  flushAuthorizerCache() {
    this.authorizerCache.clear();
  }

  private requestContext(
    request: GatewayRequest,
    route: CompiledRoute,
    authorizer: Record<string, unknown> | null,
    requestId: string,
  ): APIGatewayProxyEvent['requestContext'] {
    return {
      accountId: '000000000000',
      apiId: API_ID,
      authorizer,
      domainName: request.headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      extendedRequestId: requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: request.headers['user-agent'] ?? null,
        userArn: null,
      },
      path: `/${this.options.stage}${request.path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: new Date().toUTCString(),
      requestTimeEpoch: Date.now(),
      resourceId: route.functionName,
      resourcePath: route.route.path,
      stage: this.options.stage,
    };
  }

  private proxyEvent(
    request: GatewayRequest,
    route: CompiledRoute,
    pathParameters: Record<string, string>,
    authorizer: Record<string, unknown> | null,
    requestId: string,
  ): APIGatewayProxyEvent {
    const query = Object.fromEntries(request.query);
    const multiQuery: Record<string, string[]> = {};
    for (const [name, value] of request.query) (multiQuery[name] ??= []).push(value);
    return {
      resource: route.route.path,
      path: request.path,
      httpMethod: request.method,
      headers: request.headers,
      multiValueHeaders: Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, [value]]),
      ),
      queryStringParameters: Object.keys(query).length ? query : null,
      multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
      pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
      stageVariables: null,
      requestContext: this.requestContext(request, route, authorizer, requestId),
      body: request.body === '' ? null : request.body,
      isBase64Encoded: false,
    };
  }
}
