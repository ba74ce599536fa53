import { getDailySalesRoute } from '../analytics/routes';
import { adminLoginRoute, logoutRoute, refreshRoute, wechatLoginRoute } from '../auth/routes';
import { getMyProfileRoute, issueMemberCodeRoute, updateMyProfileRoute } from '../customers/routes';
import {
  assignUnmatchedPurchaseRoute,
  listCustomerLedgerRoute,
  listEarningRulesRoute,
  listUnmatchedPurchasesRoute,
  saveEarningRulesRoute,
} from '../loyalty/admin-routes';
import { getMyPointsAccountRoute } from '../loyalty/routes';
import {
  createStoreRoute,
  issuePosKeyRoute,
  listPosDeadLettersRoute,
  listStoresRoute,
  recordPosRefundRoute,
  recordPosTransactionRoute,
  redrivePosDeadLettersRoute,
  revokePosKeyRoute,
  rotatePosKeyRoute,
} from '../pos/routes';
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
  adminLogin: {
    service: 'auth',
    handler: 'functions/auth/admin-login.ts',
    description: 'Staff sign-in with email and password',
    trigger: { kind: 'http', route: adminLoginRoute },
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
  issueMemberCode: {
    service: 'customers',
    handler: 'functions/customers/issue-member-code.ts',
    description: 'Short-lived member codes for the till',
    trigger: { kind: 'http', route: issueMemberCodeRoute },
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
  creditPosTransactions: {
    service: 'loyalty',
    handler: 'functions/loyalty/credit-pos-transactions.ts',
    description: 'Credits POS sales and reverses refunds, once each, from the POS queue',
    // No batching window: a credit should show within a second or two; under load batches fill anyway.
    trigger: { kind: 'queue', queue: 'pos', batchSize: 10 },
    access: { tables: { main: 'readWrite' }, publishesEvents: true },
    timeoutSeconds: 30,
  },
  releasePendingPoints: {
    service: 'loyalty',
    handler: 'functions/loyalty/release-pending-points.ts',
    description: 'Moves points out of pending when their lock period ends',
    trigger: {
      kind: 'schedule',
      expression: 'rate(1 hour)',
      description: 'Release pending points whose lock period ended',
    },
    access: { tables: { main: 'readWrite' } },
    timeoutSeconds: 300,
  },
  listCustomerLedger: {
    service: 'loyalty',
    handler: 'functions/loyalty/list-customer-ledger.ts',
    description: "Staff view of a member's ledger",
    trigger: { kind: 'http', route: listCustomerLedgerRoute },
    access: { tables: { main: 'read' } },
  },
  listUnmatchedPurchases: {
    service: 'loyalty',
    handler: 'functions/loyalty/list-unmatched-purchases.ts',
    description: 'Staff view of sales without a member',
    trigger: { kind: 'http', route: listUnmatchedPurchasesRoute },
    access: { tables: { main: 'read' } },
  },
  assignUnmatchedPurchase: {
    service: 'loyalty',
    handler: 'functions/loyalty/assign-unmatched-purchase.ts',
    description: 'Staff assign an unmatched sale to a member',
    trigger: { kind: 'http', route: assignUnmatchedPurchaseRoute },
    access: { tables: { main: 'readWrite' }, publishesEvents: true },
  },
  listEarningRules: {
    service: 'loyalty',
    handler: 'functions/loyalty/list-earning-rules.ts',
    description: 'Earning rule versions',
    trigger: { kind: 'http', route: listEarningRulesRoute },
    access: { tables: { main: 'read' } },
  },
  saveEarningRules: {
    service: 'loyalty',
    handler: 'functions/loyalty/save-earning-rules.ts',
    description: 'New earning rule versions',
    trigger: { kind: 'http', route: saveEarningRulesRoute },
    access: { tables: { main: 'readWrite' } },
  },
  recordPosTransaction: {
    service: 'pos',
    handler: 'functions/pos/record-transaction.ts',
    description: 'Signed POS sales onto the POS queue',
    trigger: { kind: 'http', route: recordPosTransactionRoute },
    access: { tables: { main: 'read' }, sendsTo: ['pos'], secrets: ['posSecretBox'] },
  },
  recordPosRefund: {
    service: 'pos',
    handler: 'functions/pos/record-refund.ts',
    description: 'Signed POS refunds onto the POS queue',
    trigger: { kind: 'http', route: recordPosRefundRoute },
    access: { tables: { main: 'read' }, sendsTo: ['pos'], secrets: ['posSecretBox'] },
  },
  createStore: {
    service: 'pos',
    handler: 'functions/pos/create-store.ts',
    description: 'Staff create stores',
    trigger: { kind: 'http', route: createStoreRoute },
    access: { tables: { main: 'readWrite' } },
  },
  listStores: {
    service: 'pos',
    handler: 'functions/pos/list-stores.ts',
    description: 'Staff list stores',
    trigger: { kind: 'http', route: listStoresRoute },
    access: { tables: { main: 'read' } },
  },
  issuePosKey: {
    service: 'pos',
    handler: 'functions/pos/issue-pos-key.ts',
    description: 'Staff issue POS keys',
    trigger: { kind: 'http', route: issuePosKeyRoute },
    access: { tables: { main: 'readWrite' }, secrets: ['posSecretBox'] },
  },
  rotatePosKey: {
    service: 'pos',
    handler: 'functions/pos/rotate-pos-key.ts',
    description: 'Staff rotate POS keys',
    trigger: { kind: 'http', route: rotatePosKeyRoute },
    access: { tables: { main: 'readWrite' }, secrets: ['posSecretBox'] },
  },
  revokePosKey: {
    service: 'pos',
    handler: 'functions/pos/revoke-pos-key.ts',
    description: 'Staff revoke POS keys',
    trigger: { kind: 'http', route: revokePosKeyRoute },
    access: { tables: { main: 'readWrite' } },
  },
  listPosDeadLetters: {
    service: 'pos',
    handler: 'functions/pos/list-dead-letters.ts',
    description: 'Staff view of failed POS messages',
    trigger: { kind: 'http', route: listPosDeadLettersRoute },
    access: { redrives: ['pos'] },
  },
  redrivePosDeadLetters: {
    service: 'pos',
    handler: 'functions/pos/redrive-dead-letters.ts',
    description: 'Staff move failed POS messages back onto the queue',
    trigger: { kind: 'http', route: redrivePosDeadLettersRoute },
    access: { tables: { main: 'readWrite' }, redrives: ['pos'] },
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
  congratulateOnTier: {
    service: 'notifications',
    handler: 'functions/notifications/congratulate-on-tier.ts',
    description: 'Tells members about their new tier',
    trigger: { kind: 'event', events: ['TierChanged'] },
    access: { tables: { main: 'readWrite', idempotency: 'readWrite' }, secrets: ['wechatApp'] },
    timeoutSeconds: 15,
  },
  celebratePointsMilestones: {
    service: 'notifications',
    handler: 'functions/notifications/celebrate-points-milestones.ts',
    description: 'Tells members when their lifetime points reach a milestone',
    trigger: { kind: 'event', events: ['PointsEarned'] },
    access: { tables: { main: 'readWrite', idempotency: 'readWrite' }, secrets: ['wechatApp'] },
    timeoutSeconds: 15,
  },
  recordDailySales: {
    service: 'analytics',
    handler: 'functions/analytics/record-daily-sales.ts',
    description: 'Daily purchases, revenue and points issued per store',
    trigger: { kind: 'event', events: ['PurchaseRecorded'] },
    access: { tables: { main: 'readWrite', idempotency: 'readWrite' } },
  },
  recordDailyReversals: {
    service: 'analytics',
    handler: 'functions/analytics/record-daily-reversals.ts',
    description: 'Daily points reversed per store',
    trigger: { kind: 'event', events: ['PointsReversed'] },
    access: { tables: { main: 'readWrite', idempotency: 'readWrite' } },
  },
  getDailySales: {
    service: 'analytics',
    handler: 'functions/analytics/get-daily-sales.ts',
    description: 'Staff view of a business day per store',
    trigger: { kind: 'http', route: getDailySalesRoute },
    access: { tables: { main: 'read' } },
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
