import * as z from '../zod';
import { sumOverProgrammeMonths } from '../calendar';
import { SPEND_MONTHS_KEPT } from '../loyalty/account-months';
import { tierCodeSchema, type TierCode } from '../loyalty/tiers';
import { lazySchema } from '../lazy-schema';

/** A rule segment: filters over profile and loyalty facts; every given rule must hold. */
export const segmentSchema = lazySchema(() =>
  z.strictObject({
    tiers: z.optional(
      z.array(tierCodeSchema).check(z.minLength(1), z.describe('Members of one of these tiers')),
    ),
    minBalance: z.optional(
      z.int().check(z.gte(0), z.describe('Members with at least this spendable balance')),
    ),
    maxBalance: z.optional(
      z.int().check(z.gte(0), z.describe('Members with at most this spendable balance')),
    ),
    birthdayMonth: z.optional(
      z.int().check(z.gte(1), z.lte(12), z.describe('Members born in this month, 1 to 12')),
    ),
    purchasedWithinDays: z.optional(
      z.int().check(z.positive(), z.describe('Members who bought something within this many days')),
    ),
    notPurchasedForDays: z.optional(
      z
        .int()
        .check(z.positive(), z.describe('Members who bought nothing for at least this many days (or never)')),
    ),
    minSpend: z.optional(
      z
        .strictObject({
          amount: z.int().check(z.positive(), z.describe('In fen')),
          months: z
            .int()
            .check(
              z.gte(1),
              z.lte(SPEND_MONTHS_KEPT),
              z.describe('Programme months counted back, this one included'),
            ),
        })
        .check(
          z.describe(
            'Members who spent at least `amount` fen over the last `months` programme months, this one included',
          ),
        ),
    ),
    visitedStores: z.optional(
      z
        .array(z.string().check(z.minLength(1)))
        .check(
          z.minLength(1),
          z.maxLength(500),
          z.describe('Members who bought at one of these stores at least once'),
        ),
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
