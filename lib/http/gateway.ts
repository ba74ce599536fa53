import type { ProblemDocument } from './problem';

/**
 * How a POS request that cannot be authenticated is answered, by the gateway and by the function alike:
 * one answer for every cause, so that a caller learns nothing about which key ids exist.
 */
export const posSignatureRefusal = {
  status: 401,
  code: 'POS_SIGNATURE_INVALID',
  title: 'Unauthorized',
  detail:
    'Sign the request with a POS key in use: X-Pos-Key, X-Pos-Timestamp (within 300 s) and X-Pos-Signature.',
} as const;

/**
 * Answers API Gateway gives by itself, before or instead of a handler. CDK installs them as gateway
 * responses and the local cloud returns the same documents, so clients see one problem+json format.
 * A gateway response is one per API and its template substitutes variables only, so an answer cannot
 * depend on the route: each kind of caller is refused by a response type that only its routes can get.
 */
export const gatewayProblems = {
  /** A bearer route without a usable access token (the authorizer threw `Unauthorized`, or no header). */
  UNAUTHORIZED: {
    status: 401,
    code: 'UNAUTHORIZED',
    title: 'Unauthorized',
    detail: 'A valid access token is required.',
  },
  /** The authorizer answered with a Deny policy. */
  ACCESS_DENIED: { status: 403, code: 'FORBIDDEN', title: 'Forbidden', detail: 'You may not do this.' },
  /**
   * Only POS routes require an API key (the POS key's usage plan key, named by their authorizer): a POS
   * request without X-Pos-Key, or with a key that is unknown or revoked, is refused here.
   */
  INVALID_API_KEY: posSignatureRefusal,
  MISSING_AUTHENTICATION_TOKEN: {
    status: 404,
    code: 'ROUTE_NOT_FOUND',
    title: 'Not found',
    detail: 'No such route.',
  },
  REQUEST_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    title: 'Payload too large',
    detail: 'The request is too large.',
  },
  THROTTLED: { status: 429, code: 'THROTTLED', title: 'Too many requests', detail: 'Slow down and retry.' },
  /** The authorizer failed with anything but `Unauthorized`. */
  AUTHORIZER_FAILURE: {
    status: 500,
    code: 'INTERNAL_ERROR',
    title: 'Internal error',
    detail: 'Authorization failed.',
  },
  /** The authorizer answered with something that is not a policy. */
  AUTHORIZER_CONFIGURATION_ERROR: {
    status: 500,
    code: 'INTERNAL_ERROR',
    title: 'Internal error',
    detail: 'Authorization failed.',
  },
  DEFAULT_5XX: {
    status: 502,
    code: 'INTERNAL_ERROR',
    title: 'Internal error',
    detail: 'Something went wrong on our side.',
  },
} as const;

export type GatewayProblem = keyof typeof gatewayProblems;

/**
 * A known path called with a method it does not have: 405 with an `Allow` header naming the methods it
 * has. API Gateway answers it from a mock method on the path's resource, the local cloud by itself.
 */
export const methodNotAllowed = {
  status: 405,
  code: 'METHOD_NOT_ALLOWED',
  title: 'Method not allowed',
} as const;

/** The `Allow` header of a path with these methods. */
export const allowHeader = (methods: Iterable<string>) => [...new Set(methods)].sort().join(', ');

export function methodNotAllowedDocument(allow: string, correlationId?: string): ProblemDocument {
  return {
    type: `https://sbm-crm.dev/problems/${methodNotAllowed.code.toLowerCase().replaceAll('_', '-')}`,
    title: methodNotAllowed.title,
    status: methodNotAllowed.status,
    code: methodNotAllowed.code,
    detail: `This path answers ${allow}.`,
    correlationId,
  };
}

export function gatewayProblemDocument(kind: GatewayProblem, correlationId?: string): ProblemDocument {
  const problem = gatewayProblems[kind];
  return {
    type: `https://sbm-crm.dev/problems/${problem.code.toLowerCase().replaceAll('_', '-')}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
    correlationId,
  };
}

/**
 * The request headers each authorizer is keyed by: API Gateway answers UNAUTHORIZED without calling it
 * when one is missing, and caches its answer per their values. The POS key authorizer has none, so that a
 * POS request without X-Pos-Key reaches the API key check and is refused as a POS request; an authorizer
 * without identity sources cannot cache.
 */
export const authorizerIdentityHeaders: Record<'bearer' | 'posKey', readonly string[]> = {
  bearer: ['Authorization'],
  posKey: [],
};

/** Stage-wide throttling: steady requests per second and burst, the same in the cloud and locally. */
export const apiThrottle = { rateLimit: 5000, burstLimit: 5000 };

/** Sign-in routes: what a mall's members need at opening time, far below what credential stuffing wants. */
export const signInThrottle = { rateLimit: 50, burstLimit: 100 };

/** API Gateway's own limit on a request payload. */
export const API_GATEWAY_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** Each POS key's own limit (an API Gateway usage plan): a till gone wrong cannot starve the others. */
export const posKeyThrottle = { rateLimit: 50, burstLimit: 100 };

/** The usage plan of POS keys, per stage. */
export const posUsagePlanName = (stage: string) => `sbm-crm-${stage}-pos-keys`;

/**
 * The API key value that identifies a POS key to its usage plan. It is no secret (requests are
 * authenticated by their HMAC signature); API Gateway wants at least 20 characters.
 */
export const posUsageKeyValue = (posKeyId: string) => `sbm-crm-pos-usage-${posKeyId}`;
