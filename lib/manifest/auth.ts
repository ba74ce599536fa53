import { adminLoginRoute, logoutRoute, refreshRoute, wechatLoginRoute } from '../auth/routes';
import {
  createStaffRoute,
  deactivateStaffRoute,
  listStaffRoute,
  resetStaffPasswordRoute,
  setStaffRolesRoute,
  staffMeRoute,
  unlockStaffRoute,
} from '../auth/staff-routes';
import type { FunctionDeclaration } from './types';

/** Sign-in, tokens and the API's bearer authorizer, and staff management (staff live in lib/auth/). */
export const authFunctions = {
  authorizer: {
    service: 'auth',
    handler: 'functions/auth/authorizer.ts',
    description: 'Verifies bearer tokens for every non-public route',
    trigger: { kind: 'authorizer', scheme: 'bearer', cacheTtlSeconds: 300 },
    access: { tables: { main: 'read' }, secrets: ['jwtSigningKeys'] },
  },
  wechatLogin: {
    service: 'auth',
    handler: 'functions/auth/wechat-login.ts',
    description: 'WeChat mini program sign-in and registration',
    trigger: { kind: 'http', route: wechatLoginRoute },
    access: {
      tables: { main: 'readWrite' },
      publishesEvents: true,
      secrets: ['jwtSigningKeys', 'wechatApp'],
    },
    timeoutSeconds: 10,
  },
  refreshTokens: {
    service: 'auth',
    handler: 'functions/auth/refresh.ts',
    description: 'Refresh-token rotation with reuse detection',
    trigger: { kind: 'http', route: refreshRoute },
    access: { tables: { main: 'readWrite' }, secrets: ['jwtSigningKeys'] },
  },
  adminLogin: {
    service: 'auth',
    handler: 'functions/auth/admin-login.ts',
    description: 'Staff sign-in with email and password',
    trigger: { kind: 'http', route: adminLoginRoute },
    access: { tables: { main: 'readWrite' }, secrets: ['jwtSigningKeys'] },
  },
  createStaff: {
    service: 'auth',
    handler: 'functions/staff/create-staff.ts',
    description: 'Staff management: add staff',
    trigger: { kind: 'http', route: createStaffRoute },
    access: { tables: { main: 'readWrite' } },
  },
  setStaffRoles: {
    service: 'auth',
    handler: 'functions/staff/set-staff-roles.ts',
    description: 'Staff management: roles and stores',
    trigger: { kind: 'http', route: setStaffRolesRoute },
    access: { tables: { main: 'readWrite' } },
  },
  deactivateStaff: {
    service: 'auth',
    handler: 'functions/staff/deactivate-staff.ts',
    description: 'Staff management: deactivation',
    trigger: { kind: 'http', route: deactivateStaffRoute },
    access: { tables: { main: 'readWrite' } },
  },
  resetStaffPassword: {
    service: 'auth',
    handler: 'functions/staff/reset-staff-password.ts',
    description: 'Staff management: passwords',
    trigger: { kind: 'http', route: resetStaffPasswordRoute },
    access: { tables: { main: 'readWrite' } },
  },
  unlockStaff: {
    service: 'auth',
    handler: 'functions/staff/unlock-staff.ts',
    description: 'Staff management: lift a sign-in lock',
    trigger: { kind: 'http', route: unlockStaffRoute },
    access: { tables: { main: 'readWrite' } },
  },
  logout: {
    service: 'auth',
    handler: 'functions/auth/logout.ts',
    description: 'Ends a session',
    trigger: { kind: 'http', route: logoutRoute },
    access: { tables: { main: 'readWrite' } },
  },
  staffMe: {
    service: 'auth',
    handler: 'functions/staff/me.ts',
    description: 'The signed-in staff member and their permissions',
    trigger: { kind: 'http', route: staffMeRoute },
    access: { tables: { main: 'read' } },
  },
  listStaff: {
    service: 'auth',
    handler: 'functions/staff/list-staff.ts',
    description: 'Staff management: the list of staff',
    trigger: { kind: 'http', route: listStaffRoute },
    access: { tables: { main: 'read' }, secrets: ['cursorKey'] },
  },
} as const satisfies Record<string, FunctionDeclaration>;
