import { dateTimeFormat, PROGRAMME_TIME_ZONE } from '../calendar';
import type { TierCode } from '../loyalty/tiers';
import type { CampaignDefinition, CampaignStatus } from './model';
import { segmentChecks, type MemberFacts } from './segments';

/** What a trigger knows about the moment and the member; purchase or booking facts only for those. */
export interface TriggerFacts {
  /** When it happened (the sale's time for a purchase), ISO. */
  at: string;
  tier?: TierCode;
  purchase?: {
    storeId: string;
    amount: number;
    categories: string[];
    skus: string[];
    purchaseNumber?: number;
    basePoints: number;
  };
  /** The booking a member attended (booking-attended campaigns). */
  booking?: {
    venueId: string;
    venueKind: string;
    partySize: number;
  };
}

export interface ConditionCheck {
  condition: string;
  passed: boolean;
  detail: string;
}

/** The weekday (ISO, 1 Monday) and hour of an instant in the programme's time zone. */
export function localClock(at: Date, timeZone = PROGRAMME_TIME_ZONE) {
  const parts = dateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')) + 1;
  return {
    weekday,
    hour: Number(part('hour')),
    date: `${part('year')}-${part('month')}-${part('day')}`,
  };
}

/**
 * Every condition of a campaign against a trigger, each with whether it passed and why: the dry run
 * shows this list, and the campaign applies only when all pass.
 */
export function evaluateConditions(definition: CampaignDefinition, facts: TriggerFacts): ConditionCheck[] {
  const checks: ConditionCheck[] = [];
  const check = (condition: string, passed: boolean, detail: string) =>
    checks.push({ condition, passed, detail });
  const { conditions } = definition;
  check(
    'window',
    facts.at >= definition.startsAt && facts.at < definition.endsAt,
    `${facts.at} within [${definition.startsAt}, ${definition.endsAt})`,
  );
  const clock = localClock(new Date(facts.at));
  if (conditions.daysOfWeek)
    check(
      'daysOfWeek',
      conditions.daysOfWeek.includes(clock.weekday),
      `local weekday ${clock.weekday} in [${conditions.daysOfWeek.join(', ')}]`,
    );
  if (conditions.hours)
    check(
      'hours',
      clock.hour >= conditions.hours.from && clock.hour < conditions.hours.to,
      `local hour ${clock.hour} in [${conditions.hours.from}, ${conditions.hours.to})`,
    );
  if (conditions.tiers)
    check(
      'tiers',
      !!facts.tier && conditions.tiers.includes(facts.tier),
      `tier ${facts.tier ?? 'unknown'} in [${conditions.tiers.join(', ')}]`,
    );
  const purchase = facts.purchase;
  const forPurchase = (
    condition: string,
    passed: (p: NonNullable<TriggerFacts['purchase']>) => boolean,
    detail: string,
  ) => check(condition, !!purchase && passed(purchase), purchase ? detail : 'not a purchase');
  if (conditions.stores)
    forPurchase(
      'stores',
      (p) => conditions.stores!.includes(p.storeId),
      `store ${purchase?.storeId} in [${conditions.stores.join(', ')}]`,
    );
  if (conditions.categories)
    forPurchase(
      'categories',
      (p) => p.categories.some((category) => conditions.categories!.includes(category)),
      `categories [${purchase?.categories.join(', ')}] meet [${conditions.categories.join(', ')}]`,
    );
  if (conditions.skus)
    forPurchase(
      'skus',
      (p) => p.skus.some((sku) => conditions.skus!.includes(sku)),
      `SKUs [${purchase?.skus.join(', ')}] meet [${conditions.skus.join(', ')}]`,
    );
  if (conditions.minSpend !== undefined)
    forPurchase(
      'minSpend',
      (p) => p.amount >= conditions.minSpend!,
      `spent ${purchase?.amount} fen, at least ${conditions.minSpend}`,
    );
  if (conditions.purchaseNumber !== undefined)
    forPurchase(
      'purchaseNumber',
      (p) => p.purchaseNumber === conditions.purchaseNumber,
      `purchase number ${purchase?.purchaseNumber ?? 'unknown'}, wanted ${conditions.purchaseNumber}`,
    );
  const booking = facts.booking;
  const forBooking = (
    condition: string,
    passed: (b: NonNullable<TriggerFacts['booking']>) => boolean,
    detail: string,
  ) => check(condition, !!booking && passed(booking), booking ? detail : 'not an attended booking');
  if (conditions.venues)
    forBooking(
      'venues',
      (b) => conditions.venues!.includes(b.venueId),
      `venue ${booking?.venueId} in [${conditions.venues.join(', ')}]`,
    );
  if (conditions.venueKinds)
    forBooking(
      'venueKinds',
      (b) => (conditions.venueKinds as readonly string[]).includes(b.venueKind),
      `venue kind ${booking?.venueKind} in [${conditions.venueKinds.join(', ')}]`,
    );
  if (conditions.minPartySize !== undefined)
    forBooking(
      'minPartySize',
      (b) => b.partySize >= conditions.minPartySize!,
      `party of ${booking?.partySize}, at least ${conditions.minPartySize}`,
    );
  if (conditions.maxPartySize !== undefined)
    forBooking(
      'maxPartySize',
      (b) => b.partySize <= conditions.maxPartySize!,
      `party of ${booking?.partySize}, at most ${conditions.maxPartySize}`,
    );
  return checks;
}

export const conditionsPass = (checks: ConditionCheck[]) => checks.every((check) => check.passed);

/** The conditions about the member or the campaign itself; the rest are about the triggering moment, sale or booking. */
const ABOUT_THE_MEMBER = new Set(['window', 'tiers']);

/**
 * What a member must meet to take one of an opt-in campaign's places, judged by the rules its awards
 * use: the campaign live and within its window, the member's tier among its tiers, and a blast's
 * segment. Conditions on a sale or a moment (stores, spend, days, hours) are for each award to judge.
 */
export function joiningChecks(
  campaign: { status: CampaignStatus; definition: CampaignDefinition },
  member: MemberFacts,
  now: Date,
): ConditionCheck[] {
  const { definition, status } = campaign;
  const live = status === 'active' || status === 'scheduled';
  const trigger = definition.trigger;
  return [
    { condition: 'status', passed: live, detail: `${status}: ${live ? 'running' : 'not running'}` },
    ...evaluateConditions(definition, { at: now.toISOString(), tier: member.tier }).filter((check) =>
      ABOUT_THE_MEMBER.has(check.condition),
    ),
    ...('segment' in trigger ? segmentChecks(trigger.segment, member, now) : []),
  ];
}

/** Where a campaign and a member stand before an award: the campaign's counts, the member's record. */
export interface CampaignStanding {
  status: CampaignStatus;
  pointsAwarded: number;
  participants: number;
  /** The member asked about, if one was: whether they have a points account, and their participation. */
  member?: { hasAccount: boolean; participant?: { counts: Record<string, number> } };
}

/**
 * What else an award needs besides the conditions, each with why it would or would not be made: the
 * campaign's status, its points budget and participant cap, opt-in and the member's count per period,
 * as the award's transaction checks them.
 */
export function standingChecks(
  definition: CampaignDefinition,
  standing: CampaignStanding,
  bonusPoints: number,
  at: string,
): ConditionCheck[] {
  const checks: ConditionCheck[] = [];
  const check = (condition: string, passed: boolean, detail: string) =>
    checks.push({ condition, passed, detail });
  const { limits } = definition;
  const { member } = standing;
  const participant = member?.participant;
  const live = standing.status === 'active' || standing.status === 'scheduled';
  check('status', live, `${standing.status}: ${live ? 'awards within its window' : 'awards nothing'}`);
  // The award's transaction credits the bonus to the points account, so only a bonus needs one.
  if (member && bonusPoints > 0)
    check(
      'pointsAccount',
      member.hasAccount,
      member.hasAccount ? 'open' : 'the member has no points account',
    );
  if (limits.pointsBudget !== undefined)
    check(
      'pointsBudget',
      standing.pointsAwarded + bonusPoints <= limits.pointsBudget,
      `${standing.pointsAwarded} of ${limits.pointsBudget} points awarded, ${bonusPoints} more asked`,
    );
  if (limits.maxParticipants !== undefined)
    check(
      'maxParticipants',
      !!participant || standing.participants < limits.maxParticipants,
      participant
        ? 'the member takes part already'
        : `${standing.participants} of ${limits.maxParticipants} places taken`,
    );
  if (definition.optIn)
    check(
      'optIn',
      !!participant,
      participant
        ? 'the member joined'
        : member
          ? 'the member has not joined'
          : 'no member given: only members who joined',
    );
  if (limits.perCustomer) {
    const period = periodKey(limits.perCustomer.per, at);
    const count = participant?.counts[period] ?? 0;
    check(
      'perCustomer',
      count < limits.perCustomer.count,
      `${count} of ${limits.perCustomer.count} awards this ${limits.perCustomer.per}`,
    );
  }
  return checks;
}

/** The bonus a campaign gives for a trigger: fixed, or the purchase's base points times (factor − 1). */
export function bonusPointsFor(definition: CampaignDefinition, facts: TriggerFacts): number {
  const bonus = definition.effects.bonusPoints;
  if (!bonus) return 0;
  if (bonus.kind === 'fixed') return bonus.points;
  return Math.floor((facts.purchase?.basePoints ?? 0) * (bonus.factor - 1));
}

/**
 * The per-member counting period a trigger falls in: the local day, the ISO week (by its Monday), the
 * local month, or the whole campaign.
 */
export function periodKey(per: 'day' | 'week' | 'month' | 'campaign', at: string): string {
  if (per === 'campaign') return 'campaign';
  const clock = localClock(new Date(at));
  if (per === 'day') return `day-${clock.date}`;
  if (per === 'month') return `month-${clock.date.slice(0, 7)}`;
  const [year, month, day] = clock.date.split('-').map(Number) as [number, number, number];
  const monday = new Date(Date.UTC(year, month - 1, day - (clock.weekday - 1)));
  return `week-${monday.toISOString().slice(0, 10)}`;
}

/** Higher priority first; ties by id, so every consumer orders the same campaigns the same way. */
export function stackingOrder<C extends { campaignId: string; definition: { priority: number } }>(
  campaigns: C[],
): C[] {
  return [...campaigns].sort(
    (a, b) => b.definition.priority - a.definition.priority || a.campaignId.localeCompare(b.campaignId),
  );
}
