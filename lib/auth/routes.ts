import * as z from '../zod';
import { customerExample } from '../customers/examples';
import { customerSchema } from '../customers/profile';
import { signInThrottle } from '../http/gateway';
import { defineRoute, type HeaderSpec } from '../http/route';
import { problemResponse } from '../http/problem';
import { lazySchema } from '../lazy-schema';
import { staffRoleSchema } from './permissions';
import {
  CONSOLE_CLIENT,
  CONSOLE_CLIENT_HEADER,
  CONSOLE_COOKIE_PATH,
  CONSOLE_REFRESH_COOKIE,
} from './console-cookie';
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

/** A member's sign-in answer, the same for every way in (mini program, Official Account web pages, SMS). */
export const memberSessionSchema = lazySchema(() =>
  z.extend(tokensSchema, {
    isNew: z
      .boolean()
      .check(z.describe('true in exactly one answer: the sign-in that completed the registration')),
    customer: customerSchema,
  }),
);
const memberSignInResponse = {
  description: 'Signed in',
  schema: memberSessionSchema,
  example: { ...tokensExample, isNew: false, customer: customerExample },
};

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
    200: memberSignInResponse,
    400: problem('Malformed request'),
    401: problem(
      'WECHAT_CODE_INVALID: the code is invalid or used; ACCOUNT_CLOSED: the member was erased while signing in',
    ),
    403: problem('WECHAT_USER_BLOCKED'),
    429: problem('WECHAT_RATE_LIMITED'),
    503: problem('WeChat unavailable'),
  },
});

export const wechatWebLoginRoute = defineRoute({
  method: 'POST',
  path: '/v1/auth/wechat/web-login',
  throttle: signInThrottle,
  auth: { kind: 'public' },
  tag: 'auth',
  summary:
    "Sign in (and register on first sign-in) on the Official Account's web pages with their authorisation code",
  description:
    "For the booking PWA opened inside WeChat: the page sends the member to WeChat's web authorisation " +
    "(open.weixin.qq.com/connect/oauth2/authorize with the Official Account's appid; scope snsapi_userinfo, " +
    'as snsapi_base gives the unionid only to someone who consented to snsapi_userinfo before), which comes ' +
    'back with ?code=…&state=…; that code goes here. The unionid makes the member the one they are in the ' +
    'mini program: signing in on either side first, or on both at once, makes one member.',
  body: lazySchema(() =>
    z.strictObject({
      code: z
        .string()
        .check(
          z.trim(),
          z.minLength(1),
          z.maxLength(128),
          z.describe("The code of WeChat's web authorisation redirect: good once, for 5 minutes"),
        ),
    }),
  ),
  bodyExample: { code: '061Nc3Ga1UrrTG0Vmn0w3PGSqs2Nc3GR' },
  responses: {
    200: memberSignInResponse,
    400: problem('Malformed request'),
    401: problem(
      'WECHAT_CODE_INVALID: the code is invalid or used; ACCOUNT_CLOSED: the member was erased while signing in',
    ),
    403: problem('WECHAT_USER_BLOCKED'),
    429: problem('WECHAT_RATE_LIMITED, or THROTTLED: too many sign-ins'),
    503: problem('WeChat unavailable'),
  },
});

/** A phone number as a member types it: the national number and its country code, made E.164. */
const phoneNumberFields = {
  phone: lazySchema(() =>
    z.string().check(
      z.overwrite((phone) => phone.replace(/[\s-]/g, '')),
      z.regex(/^\d{5,15}$/, 'must be digits only, without the country code'),
      z.describe(
        'The national number, digits only (spaces and hyphens are ignored), without the country code',
      ),
    ),
  ),
  countryCode: lazySchema(() =>
    z._default(
      z.string().check(
        z.overwrite((code) => code.trim().replace(/^\+/, '')),
        z.regex(/^[1-9]\d{0,3}$/, 'must be 1 to 4 digits'),
        z.describe('Digits, with or without +: 86 for mainland China'),
      ),
      '86',
    ),
  ),
};
type PhoneNumberBody = { phone: string; countryCode: string };
const phoneNumberChecks = () => [
  z.refine<PhoneNumberBody>((body) => body.phone.length + body.countryCode.length <= 15, {
    message: 'must have at most 15 digits with the country code (E.164)',
    path: ['phone'],
  }),
  z.refine<PhoneNumberBody>((body) => body.countryCode !== '86' || /^1\d{10}$/.test(body.phone), {
    message: 'must be a mainland mobile number: 11 digits starting with 1',
    path: ['phone'],
  }),
];

export const smsSendRoute = defineRoute({
  method: 'POST',
  path: '/v1/auth/sms/send',
  throttle: signInThrottle,
  auth: { kind: 'public' },
  tag: 'auth',
  summary: 'Text a sign-in code to a phone number (for browsers outside WeChat)',
  description:
    'The answer is the same whether or not a member has this number. The code is 6 digits, lasts 5 minutes ' +
    'and takes 5 tries; asking again replaces it. One number is sent at most 1 code a minute and 5 an hour, ' +
    'and one source address asks for at most 20 an hour (429 TOO_MANY_SMS_CODES with Retry-After). A text ' +
    'that could not be sent keeps no code and, unless it may have gone out, counts against no limit.',
  body: lazySchema(() =>
    z
      .strictObject({ phone: phoneNumberFields.phone, countryCode: phoneNumberFields.countryCode })
      .check(...phoneNumberChecks()),
  ),
  bodyExample: { phone: '13800138000', countryCode: '86' },
  responses: {
    202: {
      description: 'The code is on its way (said alike of every number)',
      schema: lazySchema(() => z.object({ expiresIn: z.int().check(z.describe('Seconds the code lasts')) })),
      example: { expiresIn: 300 },
    },
    400: problem('Malformed phone number'),
    422: problem('PHONE_NUMBER_REJECTED: the SMS provider will not text this number'),
    429: problem("TOO_MANY_SMS_CODES, with Retry-After: our limits, or the SMS provider's for the number"),
    502: problem('SMS_PROVIDER_ERROR: the SMS provider refused the text for a reason on our side'),
    503: problem(
      'SMS_SIGN_IN_DISABLED: sign-in by SMS is not offered here; UPSTREAM_UNAVAILABLE: the SMS gateway is unavailable',
    ),
  },
});

export const smsVerifyRoute = defineRoute({
  method: 'POST',
  path: '/v1/auth/sms/verify',
  throttle: signInThrottle,
  auth: { kind: 'public' },
  tag: 'auth',
  summary: 'Sign in (and register on first sign-in) with the code texted to a phone number',
  description:
    'Signs in the member who bound this number (of members sharing it, the last to bind it), or registers ' +
    'a new member with it bound. Each code is good once; a 6th try fails even with the right code.',
  body: lazySchema(() =>
    z
      .strictObject({
        phone: phoneNumberFields.phone,
        countryCode: phoneNumberFields.countryCode,
        code: z
          .string()
          .check(
            z.trim(),
            z.regex(/^\d{6}$/, 'must be the 6 digits texted'),
            z.describe('The 6-digit code texted'),
          ),
      })
      .check(...phoneNumberChecks()),
  ),
  bodyExample: { phone: '13800138000', countryCode: '86', code: '492039' },
  responses: {
    200: memberSignInResponse,
    400: problem('Malformed phone number or code'),
    401: problem(
      'SMS_CODE_INVALID: the code is wrong (tries left in the detail); SMS_CODE_EXPIRED: the code expired, was used, had its 5 tries or was never sent: ask for a new one; ACCOUNT_CLOSED',
    ),
    429: problem('THROTTLED: too many sign-ins'),
    503: problem('SMS_SIGN_IN_DISABLED: sign-in by SMS is not offered here'),
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

/** What the console's cookie holds and how the browser keeps it, in OpenAPI's words. */
const COOKIE_TERMS = `${CONSOLE_REFRESH_COOKIE} (HttpOnly, Secure, SameSite=Strict, Path=${CONSOLE_COOKIE_PATH}, Max-Age the refresh token's remaining lifetime)`;

/**
 * Why the console's cookie routes need no CSRF token, as OpenAPI says it (lib/auth/console-cookie.ts):
 * the cookie goes only with requests from our own site, and only with the console's header.
 */
const CSRF_REASONING =
  `Cross-site request forgery is shut out without a CSRF token: the cookie is SameSite=Strict, so a browser sends it ` +
  `only with requests from this site, and the route requires the ${CONSOLE_CLIENT_HEADER} header, which no cross-site form can ` +
  `send and which a cross-site script can send only after a CORS preflight that this API never answers with ` +
  `Access-Control-Allow-Credentials.`;

/** The console's header: optional on sign-in (it chooses the cookie), required on the cookie's own routes. */
function consoleClientHeader(required: boolean): HeaderSpec {
  return {
    name: CONSOLE_CLIENT_HEADER,
    required,
    description: required
      ? `Must be \`${CONSOLE_CLIENT}\` (403 CONSOLE_HEADER_REQUIRED otherwise, and nothing is read or changed). ${CSRF_REASONING}`
      : `\`${CONSOLE_CLIENT}\` from the staff console: the refresh token is then set in the cookie ${COOKIE_TERMS} and left out of the body. Without it the body carries the refresh token.`,
    schema: lazySchema(() => z.literal(CONSOLE_CLIENT)),
    example: CONSOLE_CLIENT,
    ...(required ? {} : { sharedAs: `${CONSOLE_CLIENT_HEADER}-Sign-In` }),
  };
}

const exampleCookie = (token: string) =>
  `${CONSOLE_REFRESH_COOKIE}=${token}; HttpOnly; Secure; SameSite=Strict; Path=${CONSOLE_COOKIE_PATH}; Max-Age=${REFRESH_TOKEN_TTL_SECONDS}`;
const clearedCookie = `${CONSOLE_REFRESH_COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=${CONSOLE_COOKIE_PATH}; Max-Age=0`;
const setsCookie = (description: string, example: string) => ({ 'Set-Cookie': { description, example } });

/** Who signed in, as sign-in and the console's refresh answer. */
const signedInStaffSchema = lazySchema(() =>
  z
    .object({ id: z.string(), roles: z.array(staffRoleSchema) })
    .check(z.describe('Who signed in: their staff id and roles (what they may do: see StaffRole)')),
);
const signedInStaffExample = { id: '01JC8S4T2V6W0X3Y7Z1A5B9C2D', roles: ['marketer' as const] };
const staffAccessTokenExample =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.eyJzaWQiOiIwMUpENEIyTjhSNVQxVjdXM1g5WTZaMEE0QyIsInR5cCI6InN0YWZmIiwicm9sZXMiOlsibWFya2V0ZXIiXSwic3RvcmVzIjpbXSwiaWF0IjoxNzk2NTM0ODA2LCJleHAiOjE3OTY1MzU3MDYsImF1ZCI6InNibS1jcm0tYXBpIiwiaXNzIjoic2JtLWNybSIsInN1YiI6IjAxSkM4UzRUMlY2VzBYM1k3WjFBNUI5QzJEIn0.heTKLnVSXs16xpjZfZM1X6jwV4GTDT6Y3hYpjdR00fA';

/** A staff session as sign-in answers it (the refresh token in the cookie for the console). */
export const staffSessionSchema = lazySchema(() =>
  z.extend(tokensSchema, {
    refreshToken: z.optional(
      z
        .string()
        .check(
          z.describe(
            `Opaque and good once: POST /v1/auth/refresh exchanges it for new tokens; the session lasts ${REFRESH_TOKEN_TTL_SECONDS / 86_400} days. Left out for the console (${CONSOLE_CLIENT_HEADER}: ${CONSOLE_CLIENT}), which gets it in the cookie ${CONSOLE_REFRESH_COOKIE}`,
          ),
        ),
    ),
    staff: signedInStaffSchema,
  }),
);
const staffSessionExample = {
  ...tokensExample,
  accessToken: staffAccessTokenExample,
  staff: signedInStaffExample,
};
const staffSessionHeaders = setsCookie(
  `Only with ${CONSOLE_CLIENT_HEADER}: ${CONSOLE_CLIENT}: the refresh token, in the cookie ${COOKIE_TERMS}`,
  exampleCookie(tokensExample.refreshToken),
);

const challengeTokenSchema = lazySchema(() =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(128),
      z.describe('The challengeToken the password step answered: good for 5 minutes and 5 codes'),
    ),
);
const secondFactorCodeSchema = lazySchema(() =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(6),
      z.maxLength(20),
      z.describe(
        "The authenticator app's 6-digit code (each good once, the step before or after now taken too), or one of the recovery codes (xxxxx-xxxxx, each good once)",
      ),
    ),
);
const challengeExample = 'Yc2oQ6d0m4J1f8tR9sVw3kXz5bN7pL2hG6aE0uIyT4c';
const enrolmentSchema = lazySchema(() =>
  z.object({
    secret: z
      .string()
      .check(z.describe('The shared secret in base32, for typing into an app that cannot scan; shown once')),
    otpauthUri: z
      .string()
      .check(
        z.describe('otpauth://totp/… (SHA-1, 6 digits, 30 s) to show as a QR code for the authenticator app'),
      ),
  }),
);
const enrolmentExample = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUri:
    'otpauth://totp/SBM%20CRM:li.na%40sbm-plaza.cn?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=SBM+CRM&algorithm=SHA1&digits=6&period=30',
};
const recoveryCodesSchema = lazySchema(() =>
  z
    .array(z.string())
    .check(z.describe('10 single-use recovery codes, shown this once: only their hashes are kept')),
);
export const recoveryCodesExample = [
  'k3v7q-2mx4p',
  'a7rt2-hq5zn',
  'w4c6e-j2bxs',
  'p5yd3-m7gka',
  'z2n6u-r4fhw',
  'e6q2t-b3kvy',
  'h4m7s-x2pcd',
  'u3j5w-n6azq',
  'c7b2k-f4ytr',
  'm5x3a-d6wge',
];

export const adminLoginRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/auth/login',
  throttle: signInThrottle,
  auth: { kind: 'public' },
  tag: 'auth',
  summary: 'Staff sign-in with email and password (then a second factor, when they have one)',
  description:
    `With ${CONSOLE_CLIENT_HEADER}: ${CONSOLE_CLIENT} (the staff console) the refresh token is not in the body but in the ` +
    `cookie ${COOKIE_TERMS}, which POST /v1/admin/auth/refresh and POST /v1/admin/auth/logout take.\n\n` +
    'A staff member with two-factor sign-in gets 202 and a challenge instead of a session: the code of their ' +
    'authenticator app (or a recovery code) goes to POST /v1/admin/auth/login/two-factor with it. When the ' +
    'policy asks admins for a second factor and this admin has none, the challenge says enrol-two-factor: ' +
    'POST /v1/admin/auth/login/two-factor/enrolment and …/confirm set one up and then start the session.',
  headers: [consoleClientHeader(false)],
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
      schema: staffSessionSchema,
      example: staffSessionExample,
      headers: staffSessionHeaders,
    },
    202: {
      description: 'The password is right; a second step is owed before the session starts',
      schema: lazySchema(() =>
        z.object({
          next: z
            .enum(['two-factor', 'enrol-two-factor'])
            .check(
              z.describe(
                'two-factor: send a code to POST /v1/admin/auth/login/two-factor; enrol-two-factor: the policy asks this admin to set up an authenticator app first',
              ),
            ),
          challengeToken: z
            .string()
            .check(z.describe('Names this sign-in to its second step, and opens nothing else')),
          expiresIn: z.int().check(z.describe('Seconds the challenge lasts')),
        }),
      ),
      example: { next: 'two-factor', challengeToken: challengeExample, expiresIn: 300 },
    },
    400: problem('Malformed request'),
    401: problem('INVALID_CREDENTIALS'),
    429: problem('TOO_MANY_LOGIN_ATTEMPTS, with Retry-After'),
  },
});

const secondStepProblems = {
  400: problem(
    'TWO_FACTOR_CODE_INVALID: the code is wrong; TWO_FACTOR_CODE_USED: that code was taken already (wait for the next)',
  ),
  401: problem(
    'SIGN_IN_CHALLENGE_INVALID: the challenge expired, was used, or had its 5 codes: sign in with the password again',
  ),
  429: problem('TOO_MANY_LOGIN_ATTEMPTS, with Retry-After: wrong codes count as wrong passwords do'),
};

export const adminLoginTwoFactorRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/auth/login/two-factor',
  throttle: signInThrottle,
  auth: { kind: 'public' },
  tag: 'auth',
  summary: "Sign-in's second step: an authenticator or recovery code for the password's challenge",
  description:
    'Each code is counted as a sign-in attempt (the same limits and lock as wrong passwords). An authenticator ' +
    'code is good once: the same code again within its 30 seconds is refused (TWO_FACTOR_CODE_USED). A recovery ' +
    'code is good once, and its use is audited as staff.two-factor-recovery-code-used.',
  headers: [consoleClientHeader(false)],
  body: lazySchema(() =>
    z.strictObject({ challengeToken: challengeTokenSchema, code: secondFactorCodeSchema }),
  ),
  bodyExample: { challengeToken: challengeExample, code: '492039' },
  responses: {
    200: {
      description: 'Signed in',
      schema: staffSessionSchema,
      example: staffSessionExample,
      headers: staffSessionHeaders,
    },
    ...secondStepProblems,
  },
});

export const adminLoginEnrolmentRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/auth/login/two-factor/enrolment',
  throttle: signInThrottle,
  auth: { kind: 'public' },
  tag: 'auth',
  summary: 'For an admin the policy asks to enrol at sign-in: a new authenticator secret and its QR URI',
  description:
    'Takes the challenge of a sign-in that answered next: enrol-two-factor. Asking again replaces the secret ' +
    'of an enrolment not yet confirmed.',
  body: lazySchema(() => z.strictObject({ challengeToken: challengeTokenSchema })),
  bodyExample: { challengeToken: challengeExample },
  responses: {
    200: { description: 'The secret, shown once', schema: enrolmentSchema, example: enrolmentExample },
    401: secondStepProblems[401],
    409: problem('TWO_FACTOR_ALREADY_ENABLED'),
    429: problem('THROTTLED'),
  },
});

export const adminLoginEnrolmentConfirmRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/auth/login/two-factor/enrolment/confirm',
  throttle: signInThrottle,
  auth: { kind: 'public' },
  tag: 'auth',
  summary: "Completes a sign-in that had to enrol: the app's first code switches two-factor on and signs in",
  description:
    'Audited as staff.two-factor-enrol. The answer carries the recovery codes this once; only their hashes are kept.',
  headers: [consoleClientHeader(false)],
  body: lazySchema(() =>
    z.strictObject({
      challengeToken: challengeTokenSchema,
      code: z
        .string()
        .check(z.trim(), z.regex(/^\d{6}$/), z.describe('The 6-digit code the authenticator app shows now')),
    }),
  ),
  bodyExample: { challengeToken: challengeExample, code: '492039' },
  responses: {
    200: {
      description: 'Two-factor is on, and the session started',
      schema: lazySchema(() => z.extend(staffSessionSchema, { recoveryCodes: recoveryCodesSchema })),
      example: { ...staffSessionExample, recoveryCodes: recoveryCodesExample },
      headers: staffSessionHeaders,
    },
    ...secondStepProblems,
    409: problem('TWO_FACTOR_NOT_STARTED: ask for the secret first'),
  },
});

export { enrolmentSchema, enrolmentExample, recoveryCodesSchema };

/** The cookie the console's session routes take, in OpenAPI. */
const consoleCookieAuth = { kind: 'public', credential: 'consoleRefreshCookie' } as const;

export const consoleRefreshRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/auth/refresh',
  // It issues tokens as sign-in does: the same stricter limit and WAF rule as the other token routes.
  throttle: signInThrottle,
  auth: consoleCookieAuth,
  tag: 'auth',
  summary: "The staff console's refresh: new tokens for the refresh token in its cookie, which is replaced",
  description:
    `The refresh token in the cookie ${CONSOLE_REFRESH_COOKIE} is rotated exactly as POST /v1/auth/refresh rotates one: ` +
    `it is good once, and a token used before revokes its whole session (REFRESH_TOKEN_REUSED). Only a staff ` +
    `session's token is taken. The answer sets the new token in the cookie, and any 401 deletes it.\n\n${CSRF_REASONING}`,
  headers: [consoleClientHeader(true)],
  responses: {
    200: {
      description: 'New tokens: the access token in the body, the refresh token in the cookie',
      schema: lazySchema(() =>
        z.object({
          accessToken: z
            .string()
            .check(
              z.describe('The bearer token of every signed-in request: a JWT, valid for expiresIn seconds'),
            ),
          expiresIn: z.int().check(z.describe('Seconds the access token lasts')),
          staff: signedInStaffSchema,
        }),
      ),
      example: {
        accessToken: staffAccessTokenExample,
        expiresIn: tokensExample.expiresIn,
        staff: signedInStaffExample,
      },
      headers: setsCookie(
        `The new refresh token, in the cookie ${COOKIE_TERMS}`,
        exampleCookie('q7Vb2mRk9XcT4nWz1LpE6yHs3aDf8GjU0oKi5QeNtYw'),
      ),
    },
    401: {
      ...problem(
        "UNAUTHORIZED: no cookie; REFRESH_TOKEN_INVALID: not a staff session's token, or expired; REFRESH_TOKEN_REUSED (the session is revoked), SESSION_REVOKED or STAFF_INACTIVE. The cookie is deleted",
      ),
      headers: setsCookie('Deletes the cookie', clearedCookie),
    },
    403: problem(
      `CONSOLE_HEADER_REQUIRED: no ${CONSOLE_CLIENT_HEADER}: ${CONSOLE_CLIENT}; nothing was read or changed`,
    ),
    429: problem('THROTTLED: too many token requests'),
  },
});

export const consoleLogoutRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/auth/logout',
  auth: consoleCookieAuth,
  tag: 'auth',
  summary:
    "The staff console's sign-out: ends the session of the refresh token in its cookie, and deletes it",
  description:
    `Ends the session as POST /v1/auth/logout does: its refresh tokens stop at once, its access tokens within 5 ` +
    `minutes. Audited as staff.sign-out. Signing out twice, or without the cookie, is no error: 204 all the same.\n\n${CSRF_REASONING}`,
  headers: [consoleClientHeader(true)],
  responses: {
    204: { description: 'Signed out', headers: setsCookie('Deletes the cookie', clearedCookie) },
    403: problem(
      `CONSOLE_HEADER_REQUIRED: no ${CONSOLE_CLIENT_HEADER}: ${CONSOLE_CLIENT}; nothing was read or changed`,
    ),
  },
});
