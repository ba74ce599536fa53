import * as z from '../zod';
import { sumOverProgrammeMonths } from '../calendar';
import { SPEND_MONTHS_KEPT } from '../loyalty/account-months';
import { tierCodeSchema, type TierCode } from '../loyalty/tiers';
import { lazySchema } from '../lazy-schema';

/** A rule segment: filters over profile and loyalty facts; every given rule must hold. */
export const segmentSchema = lazySchema(() =>
  z.strictObject({
    tiers: z.optional(z.array(tierCodeSchema).check(z.minLength(1))),
    minBalance: z.optional(z.int().check(z.gte(0))),
    maxBalance: z.optional(z.int().check(z.gte(0))),
    /** 1–12: members born in this month. */
    birthdayMonth: z.optional(z.int().check(z.gte(1), z.lte(12))),
    /** Bought something within this many days. */
    purchasedWithinDays: z.optional(z.int().check(z.positive())),
    /** Bought nothing for at least this many days (or never). */
    notPurchasedForDays: z.optional(z.int().check(z.positive())),
    /** Spent at least `amount` fen over the last `months` programme months (this one included). */
    minSpend: z.optional(
      z.strictObject({
        amount: z.int().check(z.positive()),
        months: z.int().check(z.gte(1), z.lte(SPEND_MONTHS_KEPT)),
      }),
    ),
    /** Bought at one of these stores at least once. */
    visitedStores: z.optional(
      z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(500)),
    ),
  }),
);
export type Segment = z.infer<typeof segmentSchema>;

export interface MemberFacts {
  tier?: TierCode;
  balance: number;
  birthday?: string;
  lastPurchaseAt?: string;
  /** Spend in fen by programme month (YYYY-MM). */
  spendByMonth?: Record<string, number>;
  /** Of the segment's stores, those the member has bought at (other stores need not be given). */
  storesVisited?: string[];
  marketingConsent: boolean;
}

const DAY_MS = 86_400_000;

/** Whether a member is in the segment now. Marketing consent is the blast's own condition, not the segment's. */
export function inSegment(segment: Segment, member: MemberFacts, now: Date): boolean {
  if (segment.tiers && (!member.tier || !segment.tiers.includes(member.tier))) return false;
  if (segment.minBalance !== undefined && member.balance < segment.minBalance) return false;
  if (segment.maxBalance !== undefined && member.balance > segment.maxBalance) return false;
  if (segment.birthdayMonth !== undefined && Number(member.birthday?.slice(5, 7)) !== segment.birthdayMonth)
    return false;
  const sinceLastPurchase = member.lastPurchaseAt
    ? now.getTime() - new Date(member.lastPurchaseAt).getTime()
    : Number.POSITIVE_INFINITY;
  if (segment.purchasedWithinDays !== undefined && sinceLastPurchase > segment.purchasedWithinDays * DAY_MS)
    return false;
  if (segment.notPurchasedForDays !== undefined && sinceLastPurchase < segment.notPurchasedForDays * DAY_MS)
    return false;
  if (
    segment.minSpend &&
    sumOverProgrammeMonths(member.spendByMonth, segment.minSpend.months, now) < segment.minSpend.amount
  )
    return false;
  if (segment.visitedStores && !segment.visitedStores.some((store) => member.storesVisited?.includes(store)))
    return false;
  return true;
}
