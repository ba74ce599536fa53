import * as z from '../zod';
import { defineRoute } from '../http/route';
import { notSignedIn, problemResponse, staffRouteProblems } from '../http/problem';
import { ledgerEntryExamples, pointsAccountSummaryExample } from '../loyalty/examples';
import { pointsAccountSummarySchema } from '../loyalty/views';
import { inboxMessageExamples } from '../notifications/examples';
import { customerExample } from './examples';
import { customerSchema, maskCustomerForStaff, profilePatchSchema } from './profile';
import { lazySchema } from '../lazy-schema';
import { periodFilterShape, periodInOrder } from '../http/time-inputs';
import { nextCursorSchema, paginationQuerySchema } from '../db/cursor';
import { nameSearchKey } from './name-index';

const problem = problemResponse;

export const getMyProfileRoute = defineRoute({
  method: 'GET',
  path: '/v1/customers/me',
  auth: { kind: 'customer' },
  tag: 'customers',
  summary: "The signed-in member's profile",
  responses: {
    200: { description: 'Profile', schema: customerSchema, example: customerExample },
    401: notSignedIn,
  },
});

export const updateMyProfileRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/customers/me',
  auth: { kind: 'customer' },
  tag: 'customers',
  summary: 'Change name, gender, birthday or marketing consent (recorded with version and time)',
  body: profilePatchSchema,
  bodyExample: { birthday: '1992-05-18', marketingConsent: true },
  responses: {
    200: { description: 'Updated profile', schema: customerSchema, example: customerExample },
    400: problem('Invalid fields'),
    401: notSignedIn,
    409: problem('PROFILE_BUSY: the profile was being changed elsewhere at the same moment; retry'),
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
          code: z
            .string()
            .check(
              z.regex(/^\d{12}$/),
              z.describe('12 digits to show as a QR code; the till sends them as customer.memberCode'),
            ),
          expiresAt: z.iso.datetime().check(z.describe("The till's request must reach us by then")),
          expiresIn: z.int().check(z.describe('Seconds the code lasts')),
        }),
      ),
      example: { code: '483920571364', expiresAt: '2026-11-11T06:31:42.000Z', expiresIn: 60 },
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
    z.strictObject({
      code: z
        .string()
        .check(
          z.trim(),
          z.minLength(1),
          z.maxLength(128),
          z.describe(
            "The code WeChat's getPhoneNumber button gave the mini program: good once, for 5 minutes",
          ),
        ),
    }),
  ),
  bodyExample: { code: 'e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144' },
  responses: {
    200: { description: 'Profile with the phone number', schema: customerSchema, example: customerExample },
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
        z.object({
          customer: customerSchema,
          points: z
            .nullable(pointsAccountSummarySchema)
            .check(
              z.describe("The member's points account; null while their registration is still opening it"),
            ),
        }),
      ),
      example: { customer: customerExample, points: pointsAccountSummaryExample },
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
    'Find members by the phone number they bound, or by name (with customers:pii); name, phone and birthday masked without customers:pii',
  description:
    'Give `phone` or `name`, not both. A phone search answers every member with that number (at most 20). ' +
    'A name search needs customers:pii (403 otherwise): it finds members whose name, or a later word of it, ' +
    'begins with `name` (case, width, accents, spaces and punctuation ignored: "li wei" finds Li Wei and ' +
    'LI-WEI, "wei" finds Li Wei, 王小 finds 王小明), in registration order, a page at a time. A page may ' +
    'hold fewer than `limit` members, and even none while `nextCursor` goes on. Every member found is on ' +
    'record in the audit trail.',
  query: lazySchema(() =>
    z
      .extend(paginationQuerySchema, {
        phone: z.optional(
          z
            .string()
            .check(
              z.trim(),
              z.regex(/^\d{5,15}$/, 'must be digits only, without the country code'),
              z.describe('The number the member bound, digits only, without the country code'),
            ),
        ),
        countryCode: z._default(
          z
            .string()
            .check(
              z.trim(),
              z.regex(/^\d{1,4}$/, 'must be 1 to 4 digits'),
              z.describe('Digits without +: 86 for mainland China'),
            ),
          '86',
        ),
        name: z.optional(
          z.string().check(
            z.trim(),
            z.minLength(1),
            z.maxLength(40),
            z.refine((name) => nameSearchKey(name) !== '', 'must hold a letter or a digit'),
            z.describe('The start of the name, or of a later word of it (needs customers:pii)'),
          ),
        ),
      })
      .check(
        z.refine((query) => (query.phone === undefined) !== (query.name === undefined), {
          message: 'give phone or name, not both',
          path: ['phone'],
        }),
      ),
  ),
  responses: {
    200: {
      description: 'Members found',
      schema: lazySchema(() =>
        z.object({
          items: z.array(customerSchema),
          nextCursor: nextCursorSchema,
        }),
      ),
      example: { items: [maskCustomerForStaff(customerExample)], nextCursor: null },
    },
    400: problem('Malformed phone number or name, both or neither given, or INVALID_CURSOR'),
    ...staffRouteProblems,
    403: problem('FORBIDDEN: a name search needs customers:pii, or the route customers:read'),
  },
});

export const lookUpMemberCodeRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/member-codes/{code}',
  auth: { kind: 'staff', permission: 'customers:read' },
  tag: 'customers admin',
  summary:
    'The member whose QR code the service desk scanned (a current member code); name, phone and birthday masked without customers:pii',
  description:
    'A member code lasts about 60 s from its issue (`GET /v1/customers/me/member-code`): an expired or ' +
    'unknown one is a 404 `MEMBER_CODE_UNKNOWN`, and the member shows a fresh one. The member found is on ' +
    'record in the audit trail.',
  params: lazySchema(() =>
    z.strictObject({
      code: z
        .string()
        .check(z.regex(/^\d{12}$/, 'must be 12 digits'), z.describe("The 12 digits of the member's QR code")),
    }),
  ),
  responses: {
    200: {
      description: 'The member',
      schema: lazySchema(() => z.object({ customer: customerSchema })),
      example: { customer: maskCustomerForStaff(customerExample) },
    },
    400: problem('Not 12 digits'),
    ...staffRouteProblems,
    404: problem('MEMBER_CODE_UNKNOWN: no current member code has these digits (expired or never issued)'),
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
          profile: z
            .record(z.string(), z.unknown())
            .check(
              z.describe(
                "The profile (as Customer), with the member's WeChat openid and unionid and the phone's country code",
              ),
            ),
          points: z.unknown().check(z.describe('The points account (as PointsAccountSummary), or null')),
          ledger: z
            .array(z.unknown())
            .check(z.describe('Every points ledger entry (as LedgerEntry), newest first')),
          inbox: z.array(z.unknown()).check(z.describe('Every inbox message, newest first')),
        }),
      ),
      example: {
        exportedAt: '2026-11-25T08:40:02.731Z',
        profile: {
          ...customerExample,
          wechat: { openid: 'oX3a15Yk9dQ2mL7vT0pR4sW8zB6c', unionid: 'oTmHYjg9Qkd2W6xXcBv3Lp8sNfRa' },
          phoneCountryCode: '86',
        },
        points: pointsAccountSummaryExample,
        ledger: ledgerEntryExamples,
        inbox: inboxMessageExamples,
      },
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
  description:
    'Without `from`, the 30 days before `to` (for one member, `customerId`, since the programme began); without `to`, up to now.',
  query: lazySchema(() =>
    z
      .strictObject({
        ...periodFilterShape(),
        customerId: z.optional(
          z.string().check(z.minLength(1), z.maxLength(64), z.describe("Only this member's requests")),
        ),
        limit: z._default(
          z.coerce.number().check(z.int(), z.gte(1), z.lte(200), z.describe('The most requests to give')),
          50,
        ),
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
              kind: z
                .enum(['export', 'erasure', 'erasure-after-wechat-withdrawal'])
                .check(
                  z.describe(
                    'export: the member exported their data; erasure: the member erased themselves; erasure-after-wechat-withdrawal: WeChat told us the member withdrew their authorisation, and they were erased',
                  ),
                ),
              status: z.literal('completed').check(z.describe('Requests are carried out at once')),
              at: z.iso.datetime().check(z.describe('When it was carried out')),
              correlationId: z
                .string()
                .check(
                  z.describe("The request's correlation id, to find it in the audit trail and the logs"),
                ),
            }),
          ),
        }),
      ),
      example: {
        items: [
          {
            customerId: '01JD3Q8Z6W4K9T2M5N7P1R3S5V',
            kind: 'export',
            status: 'completed',
            at: '2026-11-25T08:40:02.731Z',
            correlationId: '3b8f0d2c-6e4a-4c91-b7d5-1a9e3f6c0b27',
          },
          {
            customerId: '01JD7F2H4K6M8P0R2T4V6X8Z0B',
            kind: 'erasure',
            status: 'completed',
            at: '2026-11-24T13:02:55.190Z',
            correlationId: '9a4e1c7b-2d5f-4b08-a3e6-7c1f0d9b2e48',
          },
        ],
      },
    },
    ...staffRouteProblems,
  },
});
