import { logoutRoute, refreshRoute, wechatLoginRoute } from '../auth/routes';
import { getMyProfileRoute, updateMyProfileRoute } from '../customers/routes';
import { getMyPointsAccountRoute } from '../loyalty/routes';
import { listMyInboxRoute } from '../notifications/routes';
import type { FunctionDeclaration } from './types';

/**
 * Every function of the platform, declared once. CDK builds functions, triggers and grants from it, the
 * local cloud mounts the same handlers behind the same triggers, and OpenAPI is generated from it.
 */
export const manifest = {
  authorizer: {
    service: 'auth',
    handler: 'functions/auth/authorizer.ts',
    description: 'Verifies bearer tokens for every non-public route',
    trigger: { kind: 'authorizer', cacheTtlSeconds: 300 },
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
  logout: {
    service: 'auth',
    handler: 'functions/auth/logout.ts',
    description: 'Ends a session',
    trigger: { kind: 'http', route: logoutRoute },
    access: { tables: { main: 'readWrite' } },
  },
  getMyProfile: {
    service: 'customers',
    handler: 'functions/customers/get-my-profile.ts',
    description: "The member's own profile",
    trigger: { kind: 'http', route: getMyProfileRoute },
    access: { tables: { main: 'read' } },
  },
  updateMyProfile: {
    service: 'customers',
    handler: 'functions/customers/update-my-profile.ts',
    description: "Changes to the member's own profile and consent",
    trigger: { kind: 'http', route: updateMyProfileRoute },
    access: { tables: { main: 'readWrite' } },
  },
  getMyPointsAccount: {
    service: 'loyalty',
    handler: 'functions/loyalty/get-my-points-account.ts',
    description: "The member's points balance and tier",
    trigger: { kind: 'http', route: getMyPointsAccountRoute },
    access: { tables: { main: 'read' } },
  },
  openPointsAccount: {
    service: 'loyalty',
    handler: 'functions/loyalty/open-points-account.ts',
    description: 'Opens a points account for each new member',
    trigger: { kind: 'event', events: ['CustomerRegistered'] },
    access: { tables: { main: 'readWrite', idempotency: 'readWrite' } },
  },
  listMyInbox: {
    service: 'notifications',
    handler: 'functions/notifications/list-my-inbox.ts',
    description: "The member's in-app inbox",
    trigger: { kind: 'http', route: listMyInboxRoute },
    access: { tables: { main: 'read' } },
  },
  welcomeNewMember: {
    service: 'notifications',
    handler: 'functions/notifications/welcome-new-member.ts',
    description: 'Welcome message by WeChat and inbox for each new member',
    trigger: { kind: 'event', events: ['CustomerRegistered'] },
    access: { tables: { main: 'readWrite', idempotency: 'readWrite' }, secrets: ['wechatApp'] },
    timeoutSeconds: 15,
  },
  refreshWeChatToken: {
    service: 'notifications',
    handler: 'functions/notifications/refresh-wechat-token.ts',
    description: 'Renews the shared WeChat access token before it expires',
    trigger: {
      kind: 'schedule',
      expression: 'rate(15 minutes)',
      description: 'Keep the WeChat access token fresh',
    },
    access: { tables: { main: 'readWrite' }, secrets: ['wechatApp'] },
  },
} as const satisfies Record<string, FunctionDeclaration>;

export type FunctionName = keyof typeof manifest;

export const declarations = () => Object.entries(manifest) as [FunctionName, FunctionDeclaration][];
