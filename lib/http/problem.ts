import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import type { ResponseSpec } from './route';

/** One field that failed validation, as listed in a problem's `errors`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error the API answers with an RFC 9457 problem document. Domain code throws these; the one
 * error mapper in the HTTP stack turns them into responses.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; cookies?: string[] } = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }
}

export const problems = {
  malformedJson: () =>
    new Problem(400, 'MALFORMED_JSON', 'Malformed JSON', 'The request body is not valid JSON.'),
  validation: (errors: FieldError[]) =>
    new Problem(400, 'VALIDATION_FAILED', 'Validation failed', 'The request does not match the schema.', {
      errors,
    }),
  unsupportedMediaType: () =>
    new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send application/json.'),
  payloadTooLarge: (limit: number) =>
    new Problem(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', `The body exceeds ${limit} bytes.`),
  unauthorized: (code = 'UNAUTHORIZED', detail = 'A valid access token is required.') =>
    new Problem(401, code, 'Unauthorized', detail),
  forbidden: (detail = 'You may not do this.') => new Problem(403, 'FORBIDDEN', 'Forbidden', detail),
  notFound: (what: string) => new Problem(404, 'NOT_FOUND', 'Not found', `${what} was not found.`),
  saleTooOld: (days: number) =>
    new Problem(
      422,
      'SALE_TOO_OLD',
      'Sale too old',
      `occurredAt is more than ${days} days ago: tills may upload sales that late, not later; staff can add the points by adjustment.`,
    ),
  conflict: (code: string, detail: string, headers?: Record<string, string>) =>
    new Problem(409, code, 'Conflict', detail, { headers }),
  upstreamUnavailable: (detail: string) =>
    new Problem(503, 'UPSTREAM_UNAVAILABLE', 'Service unavailable', detail),
  /** A wrong SMS sign-in code, with the tries it has left. */
  smsCodeInvalid: (attemptsLeft: number) =>
    new Problem(
      401,
      'SMS_CODE_INVALID',
      'Unauthorized',
      attemptsLeft > 0
        ? `The code is wrong; ${attemptsLeft} ${attemptsLeft === 1 ? 'try is' : 'tries are'} left.`
        : 'The code is wrong, and that was its last try: ask for a new code.',
    ),
  /** An SMS sign-in code that can no longer be used, whatever was typed. */
  smsCodeExpired: () =>
    new Problem(
      401,
      'SMS_CODE_EXPIRED',
      'Unauthorized',
      'The code expired, was used, had its tries, or was never sent: ask for a new code.',
    ),
  /** A stage whose settings leave sign-in by SMS off (`smsSignIn` in cdk.json). */
  smsSignInDisabled: () =>
    new Problem(503, 'SMS_SIGN_IN_DISABLED', 'Service unavailable', 'Sign-in by SMS is not offered here.'),
  /** A number the SMS provider will not text: malformed for its country, opted out, or in a region not served. */
  phoneNumberRejected: () =>
    new Problem(
      422,
      'PHONE_NUMBER_REJECTED',
      'Phone number rejected',
      'No text can be sent to this number: check it, or sign in another way.',
    ),
  /** The SMS provider refused a text for a reason of ours (credentials, signature, template, balance). */
  smsProviderError: (detail: string) => new Problem(502, 'SMS_PROVIDER_ERROR', 'Bad gateway', detail),
  tooManySmsCodes: (retryAfterSeconds: number) =>
    new Problem(
      429,
      'TOO_MANY_SMS_CODES',
      'Too many requests',
      'Too many codes asked for; try again later.',
      {
        headers: { 'retry-after': String(Math.max(1, retryAfterSeconds)) },
      },
    ),
};

export const problemSchema = lazySchema(() =>
  z.object({
    type: z
      .string()
      .check(
        z.describe('A URI naming the kind of problem: https://sbm-crm.dev/problems/<code in kebab case>'),
      ),
    title: z
      .string()
      .check(z.describe('A short summary of the kind of problem, the same for every occurrence')),
    status: z.int().check(z.describe("The answer's HTTP status")),
    code: z
      .string()
      .check(
        z.describe(
          'A stable machine code to act on (VALIDATION_FAILED, INSUFFICIENT_POINTS, ...); each route lists its own',
        ),
      ),
    detail: z.optional(
      z.string().check(z.describe('What went wrong this time, for people; 5xx answers give no internals')),
    ),
    instance: z.optional(z.string().check(z.describe('RFC 9457: a URI of this occurrence'))),
    correlationId: z.optional(
      z.string().check(z.describe("The request's correlation id (x-correlation-id): quote it to support")),
    ),
    errors: z.optional(
      z
        .array(
          z.object({
            field: z
              .string()
              .check(
                z.describe(
                  'Where: body.<path>, query.<name>, path.<name> or header.<name>; (root) for the whole',
                ),
              ),
            message: z.string().check(z.describe('A sentence naming the field: customerId is required')),
          }),
        )
        .check(
          z.describe(
            'With VALIDATION_FAILED, each failing field once; with CAMPAIGN_NOT_ELIGIBLE, each unmet condition',
          ),
        ),
    ),
  }),
);
export type ProblemDocument = z.infer<typeof problemSchema>;

/** What a message calls the field at a path: its own name, with the list positions that follow it. */
function fieldLabel(path: readonly PropertyKey[], location: string): string {
  const named = path.findLastIndex((segment) => typeof segment !== 'number');
  if (named < 0) return [location, ...path.map((index) => `[${String(index)}]`)].join('');
  return [String(path[named]), ...path.slice(named + 1).map((index) => `[${String(index)}]`)].join('');
}

/**
 * The failing fields of zod issues, one error a field (the first issue found there), each message a
 * sentence naming its field: "customerId is required". A field that is not allowed is listed alone.
 */
export function fieldErrorsFrom(
  issues: readonly {
    code?: string;
    keys?: readonly string[];
    path?: readonly PropertyKey[];
    message: string;
  }[],
  location = '',
): FieldError[] {
  const errors = new Map<string, string>();
  const add = (path: readonly PropertyKey[], message: string) => {
    const field = [location, ...path.map((segment) => String(segment))].filter(Boolean).join('.') || '(root)';
    if (!errors.has(field)) errors.set(field, message);
  };
  for (const issue of issues) {
    const path = issue.path ?? [];
    if (issue.code === 'unrecognized_keys' && issue.keys?.length)
      for (const key of issue.keys) add([...path, key], `${key} is not allowed`);
    else add(path, `${fieldLabel(path, location || 'value')} ${issue.message}`);
  }
  return [...errors].map(([field, message]) => ({ field, message }));
}

/** Shapes any thrown value into a problem document; 5xx documents never carry internals. */
export function toProblemDocument(error: unknown, correlationId?: string): ProblemDocument {
  if (error instanceof Problem) {
    return {
      type: `https://sbm-crm.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
      title: error.title,
      status: error.status,
      code: error.code,
      detail: error.status >= 500 ? undefined : error.detail,
      correlationId,
      ...(error.extra.errors ? { errors: error.extra.errors } : {}),
    };
  }
  return {
    type: 'https://sbm-crm.dev/problems/internal-error',
    title: 'Internal error',
    status: 500,
    code: 'INTERNAL_ERROR',
    detail: 'Something went wrong on our side. Quote the correlation id when you contact support.',
    correlationId,
  };
}

/** A documented error answer of a route contract. */
export const problemResponse = (description: string) => ({ description, schema: problemSchema });

/** The correlation id of the problem examples in OpenAPI. */
const EXAMPLE_CORRELATION_ID = '6c1e2f0a-9b3d-4a57-8e21-f4d07c9b5a13';

/**
 * An error answer many routes give alike, with an example of it: OpenAPI gives it once, as the shared
 * response `sharedAs`, and the routes refer to it.
 */
export const sharedProblemResponse = (
  sharedAs: string,
  description: string,
  example: Problem,
): ResponseSpec => ({
  ...problemResponse(description),
  sharedAs,
  example: toProblemDocument(example, EXAMPLE_CORRELATION_ID),
});

/** A member or staff route called without a usable access token. */
export const notSignedIn = sharedProblemResponse(
  'NotSignedIn',
  'Not signed in: no access token, or one that expired or was revoked (UNAUTHORIZED)',
  problems.unauthorized(),
);

/** What every staff route may answer before its handler runs: not signed in, or a role without the permission. */
export const staffRouteProblems = {
  401: notSignedIn,
  403: sharedProblemResponse(
    'PermissionMissing',
    'Your roles lack the permission this route needs (FORBIDDEN)',
    problems.forbidden('This route needs the campaigns:write permission.'),
  ),
};
