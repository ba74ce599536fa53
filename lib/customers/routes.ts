import * as z from '../zod';
import { defineRoute } from '../http/route';
import { notSignedIn, problemResponse, staffRouteProblems } from '../http/problem';
import { pointsAccountSummarySchema } from '../loyalty/views';
import { customerSchema, profilePatchSchema } from './profile';
import { lazySchema } from '../lazy-schema';
import { periodFilterShape, periodInOrder } from '../http/time-inputs';

const problem = problemResponse;

export const getMyProfileRoute = defineRoute({
  method: 'GET',
  path: '/v1/customers/me',
  auth: { kind: 'customer' },
  tag: 'customers',
  summary: "The signed-in member's profile",
  responses: { 200: { description: 'Profile', schema: customerSchema }, 401: notSignedIn },
});

export const updateMyProfileRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/customers/me',
  auth: { kind: 'customer' },
  tag: 'customers',
  summary: 'Change name, gender, birthday or marketing consent (recorded with version and time)',
  body: profilePatchSchema,
  responses: {
    200: { description: 'Updated profile', schema: customerSchema },
    400: problem('Invalid fields'),
    401: notSignedIn,
    410: problem('MEMBER_ERASED: the member was erased'),
  },
});

export const issueMemberCodeRoute = defineRoute({
  method: 'GET',
  path: '/v1/customers/me/member-code',
  auth: { kind: 'customer' },
  tag: 'customers',
  summary: 'A fresh member code (about 60 s) for the mini program to show as a QR code at the till',
  responses: {
    200: {
      description: 'Member code',
      schema: lazySchema(() =>
        z.object({
          code: z.string().check(z.regex(/^\d{12}$/)),
          expiresAt: z.iso.datetime(),
          expiresIn: z.int(),
        }),
      ),
    },
    401: notSignedIn,
    410: problem('MEMBER_ERASED: the member was erased'),
  },
});

export const bindMyPhoneRoute = defineRoute({
  method: 'POST',
  path: '/v1/customers/me/phone',
  auth: { kind: 'customer' },
  tag: 'customers',
  summary: "Bind the phone number the member shared through WeChat's getPhoneNumber button",
  body: lazySchema(() =>
    z.strictObject({ code: z.string().check(z.trim(), z.minLength(1), z.maxLength(128)) }),
  ),
  responses: {
    200: { description: 'Profile with the phone number', schema: customerSchema },
    400: problem('PHONE_CODE_INVALID or malformed body'),
    401: notSignedIn,
    410: problem('MEMBER_ERASED: the member was erased'),
  },
});

export const getCustomerForStaffRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/customers/{customerId}',
  auth: { kind: 'staff', permission: 'customers:read' },
  tag: 'customers admin',
  summary: "A member's profile and points; name, phone and birthday masked without customers:pii",
  params: lazySchema(() => z.strictObject({ customerId: z.string().check(z.minLength(1), z.maxLength(64)) })),
  responses: {
    200: {
      description: 'Member',
      schema: lazySchema(() =>
        z.object({ customer: customerSchema, points: z.nullable(pointsAccountSummarySchema) }),
      ),
    },
    ...staffRouteProblems,
    404: problem('No such member'),
  },
});

export const searchCustomersRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/customers',
  auth: { kind: 'staff', permission: 'customers:read' },
  tag: 'customers admin',
  summary:
    'Find members by the phone number they bound; name, phone and birthday masked without customers:pii',
  query: lazySchema(() =>
    z.strictObject({
      phone: z
        .string()
        .check(z.trim(), z.regex(/^\d{5,15}$/, 'must be digits only, without the country code')),
      countryCode: z._default(
        z.string().check(z.trim(), z.regex(/^\d{1,4}$/, 'must be 1 to 4 digits')),
        '86',
      ),
    }),
  ),
  responses: {
    200: {
      description: 'Members with this phone (at most 20)',
      schema: lazySchema(() => z.object({ items: z.array(customerSchema) })),
    },
    400: problem('Malformed phone number'),
    ...staffRouteProblems,
  },
});

export const exportMyDataRoute = defineRoute({
  method: 'GET',
  path: '/v1/customers/me/export',
  auth: { kind: 'customer' },
  tag: 'privacy',
  summary: 'Everything held about the member, as JSON (PIPL access and copy)',
  responses: {
    200: {
      description: 'Export',
      schema: lazySchema(() =>
        z.object({
          exportedAt: z.iso.datetime(),
          profile: z.record(z.string(), z.unknown()),
          points: z.unknown(),
          ledger: z.array(z.unknown()),
          inbox: z.array(z.unknown()),
        }),
      ),
    },
    401: notSignedIn,
  },
});

export const eraseMeRoute = defineRoute({
  method: 'DELETE',
  path: '/v1/customers/me',
  auth: { kind: 'customer' },
  tag: 'privacy',
  summary: 'Erase the member: personal data and the WeChat mapping go; the anonymised ledger stays',
  responses: {
    204: { description: 'Erased' },
    401: notSignedIn,
    404: problem('Already erased'),
  },
});

export const listPrivacyRequestsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/privacy-requests',
  auth: { kind: 'staff', permission: 'customers:pii' },
  tag: 'privacy',
  summary: 'Data-subject requests (exports and erasures, including WeChat withdrawals) with their status',
  query: lazySchema(() =>
    z
      .strictObject({
        ...periodFilterShape(),
        limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50),
      })
      .check(periodInOrder()),
  ),
  responses: {
    200: {
      description: 'Requests, newest first',
      schema: lazySchema(() =>
        z.object({
          items: z.array(
            z.object({
              customerId: z.string(),
              kind: z.enum(['export', 'erasure', 'erasure-after-wechat-withdrawal']),
              status: z.literal('completed'),
              at: z.iso.datetime(),
              correlationId: z.string(),
            }),
          ),
        }),
      ),
    },
    ...staffRouteProblems,
  },
});
