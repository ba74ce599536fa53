import type { EarningRules } from './earning';
import type { LedgerEntry } from './ledger-schema';
import type { TierLadder } from './tier-ladder-schema';
import type { PointsAccountSummary } from './views';

/** A member's points account as the points page shows it, in OpenAPI's examples. */
export const pointsAccountSummaryExample = {
  customerId: '01JD3Q8Z6W4K9T2M5N7P1R3S5V',
  balance: 3280,
  pending: 128,
  lifetimeEarned: 5120,
  qualifyingPoints: 4210,
  tier: { code: 'silver', name: 'Silver', benefits: ['Free parking for 2 hours', 'Birthday double points'] },
  memberSince: '2026-11-02T03:14:10.021Z',
  expiring: { within30Days: 0, within60Days: 420, within90Days: 420 },
  nextTier: { code: 'gold', name: 'Gold', qualifyingPoints: 5000 },
  pointsToNextTier: 790,
} satisfies PointsAccountSummary;

/** Lines of a member's points ledger, newest first, in OpenAPI's examples. */
export const ledgerEntryExamples = [
  {
    type: 'redeem',
    points: -1000,
    balanceDelta: -1000,
    pendingDelta: 0,
    source: {
      kind: 'redemption',
      redemptionId: '01JD9V3W5X7Y9Z1A3B5C7D9E1F',
      rewardId: '01JD2R4S6T8V0W2X4Y6Z8A0B2C',
    },
    at: '2026-11-20T11:05:31.208Z',
  },
  {
    type: 'earn',
    points: 128,
    balanceDelta: 128,
    pendingDelta: 0,
    status: 'available',
    source: { kind: 'purchase', storeId: 'plaza-b1-017', transactionId: 'T20261111-0042' },
    lot: { bucket: '2027-11', expiresAt: '2027-11-30T16:00:00.000Z' },
    at: '2026-11-11T06:32:07.114Z',
  },
] satisfies LedgerEntry[];

/** Earning rules as staff write them, in OpenAPI's examples. */
export const earningRulesExample = {
  fenPerPoint: 100,
  tierMultipliers: { bronze: 1, silver: 1.2, gold: 1.5, platinum: 2 },
  storeMultipliers: { 'plaza-b1-017': 1.5 },
  categoryMultipliers: { beauty: 2 },
  excludedCategories: ['tobacco'],
  excludedSkus: ['GIFT-CARD-500'],
  minimumSpend: 1000,
  lockDays: 7,
  expiry: { mode: 'end-of-month-after', months: 12 },
} satisfies EarningRules;

/** The tier ladder, lowest first, in OpenAPI's examples. */
export const tierLadderExample = [
  { code: 'bronze', name: 'Bronze', qualifyingPoints: 0, benefits: [] },
  {
    code: 'silver',
    name: 'Silver',
    qualifyingPoints: 1000,
    benefits: ['Free parking for 2 hours', 'Birthday double points'],
  },
  {
    code: 'gold',
    name: 'Gold',
    qualifyingPoints: 5000,
    benefits: ['Free parking all day', 'Lounge access, L5'],
  },
  {
    code: 'platinum',
    name: 'Platinum',
    qualifyingPoints: 20000,
    benefits: ['Personal shopper', 'Valet parking'],
  },
] satisfies TierLadder;
