import {
  getDailySalesRoute,
  getMembersByTierRoute,
  getPointsLiabilityRoute,
  recordAnalyticsExportRoute,
} from '../analytics/routes';
import { getReportRoute, requestReportRoute } from '../analytics/report-routes';
import type { EventBatches, FunctionDeclaration } from './types';

/**
 * Analytics consumers count events in batches: a batch's events are remembered and their sums added in
 * transactions of up to 100 items (two for a batch of 100 at a busy hour), instead of three writes per
 * event. Four batches at once take about 4,000 events a second; their counters are sharded by a draw per
 * transaction, so two of them seldom conflict (and a conflict is retried).
 */
const ANALYTICS_BATCHES: EventBatches = { batchSize: 100, maxBatchingWindowSeconds: 1, maxConcurrency: 4 };

/** Daily sales, points-liability and members-per-tier counters, and the staff reports read from them. */
export const analyticsFunctions = {
  recordDailySales: {
    service: 'analytics',
    handler: 'functions/analytics/record-daily-sales.ts',
    description: 'Daily purchases, revenue and purchase points per store',
    trigger: { kind: 'event', events: ['PurchaseRecorded'], batches: ANALYTICS_BATCHES },
    access: { tables: { main: { writes: ['update'] }, idempotency: { writes: ['put'] } } },
  },
  recordDailyReversals: {
    service: 'analytics',
    handler: 'functions/analytics/record-daily-reversals.ts',
    description: 'Daily points reversed per store',
    trigger: { kind: 'event', events: ['PointsReversed'], batches: ANALYTICS_BATCHES },
    access: { tables: { main: { writes: ['update'] }, idempotency: { writes: ['put'] } } },
  },
  recordPointsMovements: {
    service: 'analytics',
    handler: 'functions/analytics/record-points-movements.ts',
    description:
      'Points liability: issued, reversed, redeemed, expired and adjusted points; campaign bonuses in daily sales',
    trigger: {
      kind: 'event',
      events: [
        'PointsEarned',
        'PointsReversed',
        'PointsRedeemed',
        'RedemptionCancelled',
        'PointsExpired',
        'PointsAdjusted',
      ],
      batches: ANALYTICS_BATCHES,
    },
    access: { tables: { main: { writes: ['update'] }, idempotency: { writes: ['put'] } } },
  },
  recordMembersByTier: {
    service: 'analytics',
    handler: 'functions/analytics/record-members-by-tier.ts',
    description: 'Members per tier: registrations join the entry tier, tier changes move members',
    trigger: { kind: 'event', events: ['CustomerRegistered', 'TierChanged'], batches: ANALYTICS_BATCHES },
    access: { tables: { main: { reads: ['get'], writes: ['update'] }, idempotency: { writes: ['put'] } } },
  },
  getMembersByTier: {
    service: 'analytics',
    handler: 'functions/analytics/get-members-by-tier.ts',
    description: 'Staff view of members per tier',
    trigger: { kind: 'http', route: getMembersByTierRoute },
    access: { tables: { main: { reads: ['get', 'query'] } } },
  },
  getPointsLiability: {
    service: 'analytics',
    handler: 'functions/analytics/get-points-liability.ts',
    description: 'Staff view of the points liability',
    trigger: { kind: 'http', route: getPointsLiabilityRoute },
    access: { tables: { main: { reads: ['get', 'batchGet', 'query'] } } },
  },
  getDailySales: {
    service: 'analytics',
    handler: 'functions/analytics/get-daily-sales.ts',
    description: 'Staff view of a business day per store',
    trigger: { kind: 'http', route: getDailySalesRoute },
    access: { tables: { main: { reads: ['get', 'batchGet', 'query'] } } },
  },
  recordAnalyticsExport: {
    service: 'analytics',
    handler: 'functions/analytics/record-analytics-export.ts',
    description: 'Audit entry for a report staff downloaded as a file',
    trigger: { kind: 'http', route: recordAnalyticsExportRoute },
    access: { tables: { main: { reads: ['get'], writes: ['put'] } }, appendsAudit: true },
  },
  requestReport: {
    service: 'analytics',
    stackGroup: 'reports',
    handler: 'functions/analytics/request-report.ts',
    description: 'Starts a report over the event archive, or answers the run of the same parameters',
    trigger: { kind: 'http', route: requestReportRoute },
    access: { tables: { main: { reads: ['get'], writes: ['put', 'update'] } }, sendsTo: ['reports'] },
  },
  getReport: {
    service: 'analytics',
    stackGroup: 'reports',
    handler: 'functions/analytics/get-report.ts',
    description: "A report's state and rows, or its CSV file (audited)",
    trigger: { kind: 'http', route: getReportRoute },
    access: { tables: { main: { reads: ['get', 'batchGet'], writes: ['put'] } }, appendsAudit: true },
  },
  runReport: {
    service: 'analytics',
    stackGroup: 'reports',
    handler: 'functions/analytics/run-report.ts',
    description: 'Runs a report run staff asked for over the event archive and keeps its rows',
    trigger: { kind: 'queue', queue: 'reports', batchSize: 1, maxConcurrency: 5 },
    access: { tables: { main: { reads: ['get', 'scan'], writes: ['put', 'update'] } }, queriesArchive: true },
    // Athena's answer is awaited within the invocation: five minutes at most (athena-engine.ts), then stopped.
    timeoutSeconds: 360,
    memoryMb: 512,
    runtimeFiles: [{ from: 'lib/analytics/reports/sql', to: 'sql' }],
  },
} as const satisfies Record<string, FunctionDeclaration>;
