import * as z from '../zod';
import { defineRoute } from '../http/route';
import { problemResponse, staffRouteProblems } from '../http/problem';
import { lazySchema } from '../lazy-schema';
import { enrolmentExample, enrolmentSchema, recoveryCodesExample, recoveryCodesSchema } from './routes';
import { staffViewSchema } from './staff-routes';

const problem = problemResponse;
const ownAccount = { kind: 'anyStaff' } as const;
const totpCode = lazySchema(() =>
  z
    .string()
    .check(z.trim(), z.regex(/^\d{6}$/), z.describe('The 6-digit code the authenticator app shows now')),
);
const codeProblems = {
  400: problem(
    'TWO_FACTOR_CODE_INVALID: the code is wrong; TWO_FACTOR_CODE_USED: that code was taken already (wait for the next)',
  ),
};
const twoFactorStatusSchema = lazySchema(() =>
  z.object({
    enabled: z.boolean().check(z.describe('Whether sign-in asks for an authenticator code')),
    enabledAt: z.nullable(z.string()).check(z.describe('When it was switched on; null while off')),
    recoveryCodesLeft: z.int().check(z.describe('Recovery codes not used yet (10 when new)')),
    required: z
      .boolean()
      .check(z.describe('Whether the policy asks this staff member for it (admins, when the policy is on)')),
  }),
);

export const ownTwoFactorRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/me/two-factor',
  auth: ownAccount,
  tag: 'staff',
  summary: "The signed-in staff member's two-factor sign-in: on or off, and recovery codes left",
  responses: {
    200: {
      description: 'Their two-factor sign-in',
      schema: twoFactorStatusSchema,
      example: { enabled: true, enabledAt: '2026-11-20T02:14:09.512Z', recoveryCodesLeft: 9, required: true },
    },
    ...staffRouteProblems,
  },
});

export const startOwnEnrolmentRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/me/two-factor/enrolment',
  auth: ownAccount,
  tag: 'staff',
  summary: 'Starts enrolling an authenticator app: a new secret and the otpauth URI for its QR code',
  description:
    'Nothing changes at sign-in until the first code confirms it (…/enrolment/confirm). Asking again replaces ' +
    'the secret of an enrolment not yet confirmed. The secret is kept sealed (AES-256-GCM) and never logged.',
  responses: {
    200: { description: 'The secret, shown once', schema: enrolmentSchema, example: enrolmentExample },
    409: problem('TWO_FACTOR_ALREADY_ENABLED'),
    ...staffRouteProblems,
  },
});

export const confirmOwnEnrolmentRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/me/two-factor/enrolment/confirm',
  auth: ownAccount,
  tag: 'staff',
  summary: "Switches two-factor sign-in on with the app's first code; answers the recovery codes once",
  description: 'Audited as staff.two-factor-enrol.',
  body: lazySchema(() => z.strictObject({ code: totpCode })),
  bodyExample: { code: '492039' },
  responses: {
    200: {
      description: 'On',
      schema: lazySchema(() => z.object({ recoveryCodes: recoveryCodesSchema })),
      example: { recoveryCodes: recoveryCodesExample },
    },
    ...codeProblems,
    409: problem('TWO_FACTOR_ALREADY_ENABLED, or TWO_FACTOR_NOT_STARTED'),
    ...staffRouteProblems,
  },
});

export const replaceOwnRecoveryCodesRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/me/two-factor/recovery-codes',
  auth: ownAccount,
  tag: 'staff',
  summary: 'New recovery codes in place of the old ones, for an authenticator code',
  description: 'All earlier recovery codes stop working. Audited as staff.two-factor-recovery-codes.',
  body: lazySchema(() => z.strictObject({ code: totpCode })),
  bodyExample: { code: '492039' },
  responses: {
    200: {
      description: 'The new codes, shown once',
      schema: lazySchema(() => z.object({ recoveryCodes: recoveryCodesSchema })),
      example: { recoveryCodes: recoveryCodesExample },
    },
    ...codeProblems,
    409: problem('TWO_FACTOR_NOT_ENABLED'),
    ...staffRouteProblems,
  },
});

export const disableOwnTwoFactorRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/me/two-factor/disable',
  auth: ownAccount,
  tag: 'staff',
  summary: 'Switches two-factor sign-in off, for an authenticator or recovery code',
  description:
    'Refused (409 TWO_FACTOR_REQUIRED) while the policy asks this staff member for it. Audited as ' +
    'staff.two-factor-disable.',
  body: lazySchema(() =>
    z.strictObject({
      code: z
        .string()
        .check(
          z.trim(),
          z.minLength(6),
          z.maxLength(20),
          z.describe('An authenticator code, or a recovery code when the app is lost'),
        ),
    }),
  ),
  bodyExample: { code: '492039' },
  responses: {
    204: { description: 'Off' },
    ...codeProblems,
    409: problem('TWO_FACTOR_NOT_ENABLED, or TWO_FACTOR_REQUIRED by the policy'),
    ...staffRouteProblems,
  },
});

export const resetStaffTwoFactorRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/staff/{staffId}/two-factor/reset',
  auth: { kind: 'staff', permission: 'staff:write' },
  tag: 'staff',
  summary: "Switches a staff member's two-factor sign-in off, for one who lost their phone and codes",
  description:
    'They sign in with their password alone again (or, an admin under the policy, enrol anew at sign-in). ' +
    'Audited as staff.two-factor-reset.',
  params: lazySchema(() => z.strictObject({ staffId: z.string().check(z.minLength(1), z.maxLength(64)) })),
  responses: {
    200: {
      description: 'Off',
      schema: staffViewSchema,
      example: {
        id: '01JDA2C4E6G8J0K2M4N6P8R0S2',
        email: 'zhang.wei@sbm-plaza.cn',
        name: '张伟',
        roles: ['store_manager'],
        storeIds: ['plaza-b1-017'],
        active: true,
        twoFactorEnabled: false,
      },
    },
    404: problem('No such staff member'),
    ...staffRouteProblems,
  },
});

export const twoFactorPolicySchema = lazySchema(() =>
  z.object({
    requiredForAdmins: z
      .boolean()
      .check(
        z.describe(
          'Admins must sign in with a second factor; one without it is led to enrol at their next sign-in',
        ),
      ),
    updatedAt: z.nullable(z.string()).check(z.describe('When it last changed; null if never')),
  }),
);
const policyExample = { requiredForAdmins: true, updatedAt: '2026-11-20T02:10:44.031Z' };

export const twoFactorPolicyRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/two-factor-policy',
  auth: { kind: 'staff', permission: 'staff:read' },
  tag: 'staff',
  summary: 'Whether admins must sign in with a second factor (off until turned on)',
  responses: {
    200: { description: 'The policy', schema: twoFactorPolicySchema, example: policyExample },
    ...staffRouteProblems,
  },
});

export const setTwoFactorPolicyRoute = defineRoute({
  method: 'PUT',
  path: '/v1/admin/two-factor-policy',
  auth: { kind: 'staff', permission: 'staff:write' },
  tag: 'staff',
  summary: 'Turns the two-factor requirement for admins on or off',
  description:
    'Sessions already open go on; each admin without a second factor is asked to enrol at their next ' +
    'sign-in. Audited as staff.two-factor-policy.',
  body: lazySchema(() =>
    z.strictObject({
      requiredForAdmins: z
        .boolean()
        .check(
          z.describe('true: admins must sign in with a second factor; false: it is up to each staff member'),
        ),
    }),
  ),
  bodyExample: { requiredForAdmins: true },
  responses: {
    200: { description: 'The policy now', schema: twoFactorPolicySchema, example: policyExample },
    ...staffRouteProblems,
  },
});
