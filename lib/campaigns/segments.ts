import { sumOverProgrammeMonths } from '../calendar';
import { tierCodeSchema, type TierCode } from '../loyalty/tiers';
import type { Segment } from './segment-schema';

export { segmentSchema, type Segment } from './segment-schema';

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

/** A member's facts from their points account item and profile, as blasts and joining judge them. */
export function memberFactsFrom(
  account: Record<string, unknown>,
  profile: { birthday?: string } | undefined,
  options: { storesVisited?: string[]; marketingConsent: boolean },
): MemberFacts {
  return {
    tier: tierCodeSchema.safeParse(account.tier).data,
    balance: Number(account.balance ?? 0),
    birthday: profile?.birthday,
    lastPurchaseAt: typeof account.lastPurchaseAt === 'string' ? account.lastPurchaseAt : undefined,
    spendByMonth: account.spendByMonth as Record<string, number> | undefined,
    storesVisited: options.storesVisited,
    marketingConsent: options.marketingConsent,
  };
}

/** One rule of a segment against a member, with why it held or not (the rule's name, as staff write it). */
export interface SegmentCheck {
  condition: string;
  passed: boolean;
  detail: string;
}

/** Every rule of a segment against a member now, each with whether it held and why. */
export function segmentChecks(segment: Segment, member: MemberFacts, now: Date): SegmentCheck[] {
  const checks: SegmentCheck[] = [];
  const check = (rule: keyof Segment, passed: boolean, detail: string) =>
    checks.push({ condition: `segment.${rule}`, passed, detail });
  if (segment.tiers)
    check(
      'tiers',
      !!member.tier && segment.tiers.includes(member.tier),
      `tier ${member.tier ?? 'unknown'} in [${segment.tiers.join(', ')}]`,
    );
  if (segment.minBalance !== undefined)
    check(
      'minBalance',
      member.balance >= segment.minBalance,
      `balance ${member.balance}, at least ${segment.minBalance}`,
    );
  if (segment.maxBalance !== undefined)
    check(
      'maxBalance',
      member.balance <= segment.maxBalance,
      `balance ${member.balance}, at most ${segment.maxBalance}`,
    );
  if (segment.birthdayMonth !== undefined)
    check(
      'birthdayMonth',
      Number(member.birthday?.slice(5, 7)) === segment.birthdayMonth,
      `born in month ${segment.birthdayMonth}`,
    );
  const sinceLastPurchase = member.lastPurchaseAt
    ? now.getTime() - new Date(member.lastPurchaseAt).getTime()
    : Number.POSITIVE_INFINITY;
  if (segment.purchasedWithinDays !== undefined)
    check(
      'purchasedWithinDays',
      sinceLastPurchase <= segment.purchasedWithinDays * DAY_MS,
      `a purchase within ${segment.purchasedWithinDays} days`,
    );
  if (segment.notPurchasedForDays !== undefined)
    check(
      'notPurchasedForDays',
      sinceLastPurchase >= segment.notPurchasedForDays * DAY_MS,
      `no purchase for ${segment.notPurchasedForDays} days`,
    );
  if (segment.minSpend) {
    const spent = sumOverProgrammeMonths(member.spendByMonth, segment.minSpend.months, now);
    check(
      'minSpend',
      spent >= segment.minSpend.amount,
      `spent ${spent} fen over ${segment.minSpend.months} months, at least ${segment.minSpend.amount}`,
    );
  }
  if (segment.visitedStores)
    check(
      'visitedStores',
      segment.visitedStores.some((store) => member.storesVisited?.includes(store)),
      `bought at one of [${segment.visitedStores.join(', ')}]`,
    );
  return checks;
}

/** Whether a member is in the segment now. Marketing consent is the blast's own condition, not the segment's. */
export function inSegment(segment: Segment, member: MemberFacts, now: Date): boolean {
  return segmentChecks(segment, member, now).every((check) => check.passed);
}
