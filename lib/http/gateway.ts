import type { ProblemDocument } from './problem';

/**
 * Answers API Gateway gives by itself, before or instead of a handler. CDK installs them as gateway
 * responses and the local cloud returns the same documents, so clients see one problem+json format.
 */
export const gatewayProblems = {
  UNAUTHORIZED: {
    status: 401,
    code: 'UNAUTHORIZED',
    title: 'Unauthorized',
    detail: 'A valid access token is required.',
  },
  ACCESS_DENIED: { status: 403, code: 'FORBIDDEN', title: 'Forbidden', detail: 'You may not do this.' },
  INVALID_API_KEY: {
    status: 403,
    code: 'POS_KEY_NOT_ACCEPTED',
    title: 'Forbidden',
    detail: 'This POS key is unknown or revoked.',
  },
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
  AUTHORIZER_FAILURE: {
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
