import * as z from '../zod';
import { nextCursorSchema, paginationQuerySchema } from '../db/cursor';
import { defineRoute } from '../http/route';
import {
  notSignedIn,
  problemResponse,
  problems,
  sharedProblemResponse,
  staffRouteProblems,
} from '../http/problem';
import { permissionSchema, rolePermissions, staffRoleSchema } from './permissions';
import { storeManagerHasStores } from './store-scope';
import { lazySchema } from '../lazy-schema';

const problem = problemResponse;
const staffWrite = { kind: 'staff', permission: 'staff:write' } as const;
const password = lazySchema(() =>
  z
    .string()
    .check(
      z.minLength(12, 'at least 12 characters'),
      z.maxLength(256),
      z.describe('At least 12 characters; a passphrase is best'),
    ),
);
const STORE_IDS = "The stores a store manager's permissions reach; a store manager needs at least one";
const roles = lazySchema(() => z.array(staffRoleSchema).check(z.minLength(1), z.maxLength(5)));
const storeIds = lazySchema(() =>
  z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(200), z.describe(STORE_IDS)),
);
const staffParams = lazySchema(() =>
  z.strictObject({ staffId: z.string().check(z.minLength(1), z.maxLength(64)) }),
);
export const staffViewSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    email: z.string().check(z.describe('What they sign in with')),
    name: z.string(),
    roles: z.array(staffRoleSchema),
    storeIds: z.array(z.string()).check(z.describe(STORE_IDS)),
    active: z
      .boolean()
      .check(z.describe('false once deactivated: they cannot sign in and their tokens stop working')),
    twoFactorEnabled: z
      .boolean()
      .check(z.describe('true once they confirmed an authenticator app: sign-in then asks for its code')),
  }),
);

/** A staff member as staff-admin routes answer, in OpenAPI's examples. */
const staffMemberExample = {
  id: '01JDA2C4E6G8J0K2M4N6P8R0S2',
  email: 'zhang.wei@sbm-plaza.cn',
  name: '张伟',
  roles: ['store_manager'],
  storeIds: ['plaza-b1-017', 'plaza-l2-031'],
  active: true,
  twoFactorEnabled: true,
} satisfies z.output<typeof staffViewSchema>;

export const createStaffRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/staff',
  auth: staffWrite,
  tag: 'staff',
  summary: 'Add a staff member (store managers need storeIds)',
  body: lazySchema(() =>
    z
      .strictObject({
        email: z.email().check(z.maxLength(254)),
        name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
        roles,
        storeIds: z._default(storeIds, []),
        password,
      })
      .check(
        z.refine(storeManagerHasStores, {
          message: 'must name at least one store for a store manager',
          path: ['storeIds'],
        }),
      ),
  ),
  bodyExample: {
    email: 'zhang.wei@sbm-plaza.cn',
    name: '张伟',
    roles: ['store_manager'],
    storeIds: ['plaza-b1-017'],
    password: 'B1-017 opens at ten',
  },
  responses: {
    201: {
      description: 'Created',
      schema: lazySchema(() => z.object({ id: z.string() })),
      example: { id: staffMemberExample.id },
    },
    400: problem('Invalid'),
    409: problem('STAFF_EMAIL_TAKEN'),
    ...staffRouteProblems,
  },
});

export const setStaffRolesRoute = defineRoute({
  method: 'PUT',
  path: '/v1/admin/staff/{staffId}/roles',
  auth: staffWrite,
  tag: 'staff',
  summary: "Replace a staff member's roles, and their stores when storeIds is given (left out, they stay)",
  params: staffParams,
  body: lazySchema(() => z.strictObject({ roles, storeIds: z.optional(storeIds) })),
  bodyExample: { roles: ['store_manager'], storeIds: ['plaza-b1-017', 'plaza-l2-031'] },
  responses: {
    200: { description: 'Updated', schema: staffViewSchema, example: staffMemberExample },
    400: problem('Invalid, or a store manager left without a store'),
    404: problem('No such staff member'),
    ...staffRouteProblems,
  },
});

export const deactivateStaffRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/staff/{staffId}/deactivate',
  auth: staffWrite,
  tag: 'staff',
  summary: 'Deactivate a staff member; their tokens stop working',
  params: staffParams,
  responses: {
    200: {
      description: 'Deactivated',
      schema: staffViewSchema,
      example: { ...staffMemberExample, active: false },
    },
    404: problem('No such staff member'),
    ...staffRouteProblems,
  },
});

export const resetStaffPasswordRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/staff/{staffId}/password',
  auth: staffWrite,
  tag: 'staff',
  summary: "Set a staff member's password",
  params: staffParams,
  body: lazySchema(() => z.strictObject({ password })),
  bodyExample: { password: 'a fresh passphrase, 2026' },
  responses: { 204: { description: 'Set' }, 404: problem('No such staff member'), ...staffRouteProblems },
});

export const unlockStaffRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/staff/{staffId}/unlock',
  auth: staffWrite,
  tag: 'staff',
  summary: "Lift a staff member's sign-in lock and forget their failed sign-ins",
  description:
    'A source that fails to sign in to an account 5 times in 15 minutes is refused on that account for the rest ' +
    'of the window; 50 failures on an account from all sources lock the account itself, for everyone, until ' +
    'the window ends (audited as staff.lock). Unlocking clears both, so the staff member can sign in at once. ' +
    'Audited as staff.unlock with the failures that were counted.',
  params: staffParams,
  responses: {
    200: {
      description: 'Unlocked',
      schema: lazySchema(() =>
        z.object({
          id: z.string(),
          failuresCleared: z
            .int()
            .check(z.describe('Failed sign-ins on the account in the window that was open, now forgotten')),
        }),
      ),
      example: { id: staffMemberExample.id, failuresCleared: 7 },
    },
    404: problem('No such staff member'),
    ...staffRouteProblems,
  },
});

export const staffMeRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/me',
  auth: { kind: 'anyStaff' },
  tag: 'staff',
  summary: 'The signed-in staff member: who they are, their roles and stores, and what they may do',
  description:
    'For the console to show the signed-in staff member and only what they may use. Roles, stores and ' +
    'permissions are read from the staff record, not the token, so a change of roles shows at once.',
  responses: {
    200: {
      description: 'The signed-in staff member',
      schema: lazySchema(() =>
        z.object({
          id: z.string(),
          name: z.string(),
          email: z.string().check(z.describe('What they sign in with')),
          roles: z.array(staffRoleSchema),
          storeIds: z.array(z.string()).check(z.describe(STORE_IDS)),
          permissions: z
            .array(permissionSchema)
            .check(z.describe('Everything their roles grant together, each once, sorted')),
        }),
      ),
      example: {
        id: staffMemberExample.id,
        name: staffMemberExample.name,
        email: staffMemberExample.email,
        roles: ['store_manager'],
        storeIds: staffMemberExample.storeIds,
        permissions: [...rolePermissions.store_manager].sort(),
      },
    },
    401: notSignedIn,
    403: sharedProblemResponse(
      'StaffOnly',
      "A member's token on a staff route (FORBIDDEN)",
      problems.forbidden('This route is for staff.'),
    ),
  },
});

export const listStaffRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/staff',
  auth: { kind: 'staff', permission: 'staff:read' },
  tag: 'staff',
  summary: 'Staff, newest first, page by page, deactivated ones too',
  description:
    'Newest first: the order of when each was added, which no edit changes, so paging never repeats or ' +
    'skips anyone while roles change. No password hash or sign-in count is ever part of the answer.',
  query: lazySchema(() =>
    z.extend(paginationQuerySchema, {
      limit: z._default(
        z.coerce
          .number()
          .check(z.int(), z.gte(1), z.lte(100), z.describe('The most staff members to give on this page')),
        50,
      ),
    }),
  ),
  responses: {
    200: {
      description: 'One page',
      schema: lazySchema(() =>
        z.object({
          items: z.array(
            z.extend(staffViewSchema, {
              createdAt: z.string().check(z.describe('When they were added')),
            }),
          ),
          nextCursor: nextCursorSchema,
        }),
      ),
      example: {
        items: [
          { ...staffMemberExample, createdAt: '2026-11-02T01:15:27.381Z' },
          {
            id: '01JC8S4T2V6W0X3Y7Z1A5B9C2D',
            email: 'li.na@sbm-plaza.cn',
            name: '李娜',
            roles: ['marketer'],
            storeIds: [],
            active: false,
            twoFactorEnabled: false,
            createdAt: '2026-09-14T06:40:03.117Z',
          },
        ],
        nextCursor: 'q0Zx3m1bV8Kf2tRyW6hN4pLc9sJd5gQe7uAo0iTz1XvB',
      },
    },
    400: problem('INVALID_CURSOR, or a limit out of 1 to 100'),
    ...staffRouteProblems,
  },
});
