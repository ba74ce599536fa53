import { listMyInboxRoute } from '../notifications/routes';
import type { FunctionDeclaration } from './types';

/** The member's inbox, messages on members' milestones by WeChat and inbox, and the shared WeChat token. */
export const notificationFunctions = {
  listMyInbox: {
    service: 'notifications',
    handler: 'functions/notifications/list-my-inbox.ts',
    description: "The member's in-app inbox",
    trigger: { kind: 'http', route: listMyInboxRoute },
    access: { tables: { main: { reads: ['query'] } }, secrets: ['cursorKey'] },
  },
  welcomeNewMember: {
    service: 'notifications',
    handler: 'functions/notifications/welcome-new-member.ts',
    description: 'Welcome message by WeChat and inbox for each new member',
    trigger: { kind: 'event', events: ['CustomerRegistered'] },
    access: {
      tables: {
        main: { reads: ['get', 'query'], writes: ['put', 'update'] },
        idempotency: { reads: ['get'], writes: ['put', 'update', 'delete'] },
      },
      secrets: ['wechatApp'],
    },
    timeoutSeconds: 15,
  },
  congratulateOnTier: {
    service: 'notifications',
    handler: 'functions/notifications/congratulate-on-tier.ts',
    description: 'Tells members about their new tier',
    trigger: { kind: 'event', events: ['TierChanged'] },
    access: {
      tables: {
        main: { reads: ['get', 'query'], writes: ['put', 'update'] },
        idempotency: { reads: ['get'], writes: ['put', 'update', 'delete'] },
      },
      secrets: ['wechatApp'],
    },
    timeoutSeconds: 15,
  },
  remindExpiringPoints: {
    service: 'notifications',
    handler: 'functions/notifications/remind-expiring-points.ts',
    description: 'Tells members their points expire within 30 days',
    trigger: { kind: 'event', events: ['PointsExpiring'] },
    access: {
      tables: {
        main: { reads: ['get', 'query'], writes: ['put', 'update'] },
        idempotency: { reads: ['get'], writes: ['put', 'update', 'delete'] },
      },
      secrets: ['wechatApp'],
    },
    timeoutSeconds: 15,
  },
  warnOfTierDowngrade: {
    service: 'notifications',
    handler: 'functions/notifications/warn-of-tier-downgrade.ts',
    description: 'Tells members 30 days ahead that they will drop a tier',
    trigger: { kind: 'event', events: ['TierDowngradeScheduled'] },
    access: {
      tables: {
        main: { reads: ['get', 'query'], writes: ['put', 'update'] },
        idempotency: { reads: ['get'], writes: ['put', 'update', 'delete'] },
      },
      secrets: ['wechatApp'],
    },
    timeoutSeconds: 15,
  },
  celebratePointsMilestones: {
    service: 'notifications',
    handler: 'functions/notifications/celebrate-points-milestones.ts',
    description: 'Tells members when their lifetime points reach a milestone',
    trigger: { kind: 'event', events: ['PointsEarned'] },
    access: {
      tables: {
        main: { reads: ['get', 'query'], writes: ['put', 'update'] },
        idempotency: { reads: ['get'], writes: ['put', 'update', 'delete'] },
      },
      secrets: ['wechatApp'],
    },
    timeoutSeconds: 15,
  },
  purgeErasedMember: {
    service: 'notifications',
    handler: 'functions/notifications/purge-erased-member.ts',
    description: "Deletes an erased member's inbox",
    trigger: { kind: 'event', events: ['CustomerErased'] },
    access: {
      tables: {
        main: { reads: ['query'], writes: ['delete'] },
        idempotency: { reads: ['get'], writes: ['put', 'update', 'delete'] },
      },
    },
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
    access: { tables: { main: { reads: ['get'], writes: ['put'] } }, secrets: ['wechatApp'] },
  },
} as const satisfies Record<string, FunctionDeclaration>;
