import * as z from '../zod';
import { customerExample } from '../customers/examples';
import { customerSchema } from '../customers/profile';
import { signInThrottle } from '../http/gateway';
import { defineRoute } from '../http/route';
import { problemResponse } from '../http/problem';
import { lazySchema } from '../lazy-schema';
import { REFRESH_TOKEN_TTL_SECONDS } from './sessions';

const problem = problemResponse;

/** Tokens as a sign-in or a refresh gives them, in OpenAPI's examples. */
const tokensExample = {
  accessToken:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.eyJzaWQiOiIwMUpEM1FBNEs3TTJYOUI1QzhEMUU2RjNHMCIsInR5cCI6ImN1c3RvbWVyIiwiaWF0IjoxNzk2NTM0ODA2LCJleHAiOjE3OTY1MzU3MDYsImF1ZCI6InNibS1jcm0tYXBpIiwiaXNzIjoic2JtLWNybSIsInN1YiI6IjAxSkQzUThaNlc0SzlUMk01TjdQMVIzUzVWIn0.V70iACNX7TT8ZSKSC-fmr6lto6bZvQkiAJiFn8QMDvc',
  refreshToken: 'ZdGQjsiH3jLEqgOCHnk0AA7TOsgV68_uiGpjgxoAVuE',
  expiresIn: 900,
};

const tokensSchema = lazySchema(() =>
  z.object({
    accessToken: z
      .string()
      .check(z.describe('The bearer token of every signed-in request: a JWT, valid for expiresIn seconds')),
    refreshToken: z
      .string()
      .check(
        z.describe(
          `Opaque and good once: POST /v1/auth/refresh exchanges it for new tokens; the session lasts ${REFRESH_TOKEN_TTL_SECONDS / 86_400} days`,
        ),
      ),
    expiresIn: z.int().check(z.describe('Seconds the access token lasts')),
  }),
);

export const wechatLoginRoute = defineRoute({
  method: 'POST',
  path: '/v1/auth/wechat/login',
  throttle: signInThrottle,
  auth: { kind: 'public' },
  tag: 'auth',
  summary: 'Sign in (and register on first sign-in) with a wx.login code',
  body: lazySchema(() =>
    z.strictObject({
      code: z
        .string()
        .check(
          z.trim(),
          z.minLength(1),
          z.maxLength(128),
          z.describe('The code wx.login gave the mini program: good once, for 5 minutes'),
        ),
    }),
  ),
  bodyExample: { code: '0e3Xk2Ga1Ebv2K0Yv3Ia1Lq8Ht3Xk2GT' },
  responses: {
    200: {
      description: 'Signed in',
      schema: lazySchema(() =>
        z.extend(tokensSchema, {
          isNew: z
            .boolean()
            .check(z.describe('true in exactly one answer: the sign-in that completed the registration')),
          customer: customerSchema,
        }),
      ),
      example: { ...tokensExample, isNew: false, customer: customerExample },
    },
    400: problem('Malformed request'),
    401: problem(
      'WECHAT_CODE_INVALID: the code is invalid or used; ACCOUNT_CLOSED: the member was erased while signing in',
    ),
    403: problem('WECHAT_USER_BLOCKED'),
    429: problem('WECHAT_RATE_LIMITED'),
    503: problem('WeChat unavailable'),
  },
});

export const refreshRoute = defineRoute({
  method: 'POST',
  path: '/v1/auth/refresh',
  // It issues tokens as sign-in does, so the same stricter limit and WAF rule apply: a refresh token
  // cannot be guessed, but every try costs a transaction.
  throttle: signInThrottle,
  auth: { kind: 'public' },
  tag: 'auth',
  summary: 'Exchange a refresh token for new tokens; a reused token revokes its session',
  body: lazySchema(() =>
    z.strictObject({
      refreshToken: z
        .string()
        .check(
          z.minLength(1),
          z.maxLength(256),
          z.describe(
            'The refresh token of the last sign-in or refresh; one used before revokes the whole session (REFRESH_TOKEN_REUSED)',
          ),
        ),
    }),
  ),
  bodyExample: { refreshToken: 'ZdGQjsiH3jLEqgOCHnk0AA7TOsgV68_uiGpjgxoAVuE' },
  responses: {
    200: {
      description: 'New tokens',
      schema: tokensSchema,
      example: { ...tokensExample, refreshToken: 'q7Vb2mRk9XcT4nWz1LpE6yHs3aDf8GjU0oKi5QeNtYw' },
    },
    400: problem('Malformed request'),
    401: problem('REFRESH_TOKEN_INVALID, REFRESH_TOKEN_REUSED or SESSION_REVOKED'),
    429: problem('THROTTLED: too many token requests'),
  },
});

export const logoutRoute = defineRoute({
  method: 'POST',
  path: '/v1/auth/logout',
  auth: { kind: 'public' },
  tag: 'auth',
  summary: 'End the session the refresh token belongs to',
  body: lazySchema(() =>
    z.strictObject({
      refreshToken: z
        .string()
        .check(
          z.minLength(1),
          z.maxLength(256),
          z.describe('The latest refresh token of the session to end'),
        ),
    }),
  ),
  bodyExample: { refreshToken: 'q7Vb2mRk9XcT4nWz1LpE6yHs3aDf8GjU0oKi5QeNtYw' },
  responses: {
    204: { description: 'Signed out' },
    400: problem('Malformed request'),
    401: problem('REFRESH_TOKEN_INVALID'),
  },
});

export const adminLoginRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/auth/login',
  throttle: signInThrottle,
  auth: { kind: 'public' },
  tag: 'auth',
  summary: 'Staff sign-in with email and password',
  body: lazySchema(() =>
    z.strictObject({
      email: z.email().check(z.maxLength(254)),
      password: z.string().check(z.minLength(1), z.maxLength(256)),
    }),
  ),
  bodyExample: { email: 'li.na@sbm-plaza.cn', password: 'correct-horse-battery-9' },
  responses: {
    200: {
      description: 'Signed in',
      schema: lazySchema(() =>
        z.extend(tokensSchema, {
          staff: z
            .object({ id: z.string(), roles: z.array(z.string()) })
            .check(z.describe('Who signed in: their staff id and roles (what they may do: see StaffRole)')),
        }),
      ),
      example: {
        ...tokensExample,
        accessToken:
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.eyJzaWQiOiIwMUpENEIyTjhSNVQxVjdXM1g5WTZaMEE0QyIsInR5cCI6InN0YWZmIiwicm9sZXMiOlsibWFya2V0ZXIiXSwic3RvcmVzIjpbXSwiaWF0IjoxNzk2NTM0ODA2LCJleHAiOjE3OTY1MzU3MDYsImF1ZCI6InNibS1jcm0tYXBpIiwiaXNzIjoic2JtLWNybSIsInN1YiI6IjAxSkM4UzRUMlY2VzBYM1k3WjFBNUI5QzJEIn0.heTKLnVSXs16xpjZfZM1X6jwV4GTDT6Y3hYpjdR00fA',
        staff: { id: '01JC8S4T2V6W0X3Y7Z1A5B9C2D', roles: ['marketer'] },
      },
    },
    400: problem('Malformed request'),
    401: problem('INVALID_CREDENTIALS'),
    429: problem('TOO_MANY_LOGIN_ATTEMPTS, with Retry-After'),
  },
});
