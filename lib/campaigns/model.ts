import * as z from '../zod';
import { tierCodeSchema } from '../loyalty/tiers';
import { segmentSchema } from './segments';
import { lazySchema } from '../lazy-schema';
import { momentSchema } from '../http/time-inputs';

const id = lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(64)));

/** What a campaign reacts to. Bookings are not built yet (see the README). */
export const campaignTriggerSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('purchase') }),
    z.strictObject({ kind: z.literal('registration') }),
    /** Fired by the daily birthday schedule, once a year per member, on the birthday in the programme's time zone. */
    z.strictObject({ kind: z.literal('birthday') }),
    /** A member completes their profile (name, birthday and a bound phone), once. */
    z.strictObject({ kind: z.literal('profileCompleted') }),
    /** A named event staff record for a member (CustomEventRecorded), such as attending a mall event. */
    z.strictObject({
      kind: z.literal('custom'),
      eventName: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
    }),
    /**
     * A one-off blast at a set time to a segment of the members who accept marketing, fanned out through
     * SQS; each member is reached at most once.
     */
    z.strictObject({
      kind: z.literal('blast'),
      at: momentSchema,
      segment: z._default(segmentSchema, {}),
    }),
    /**
     * A blast that recurs: `cron(min hour day-of-month month day-of-week *)` read in the programme's time
     * zone (Asia/Shanghai), each occurrence reaching each member at most once.
     */
    z.strictObject({
      kind: z.literal('recurring'),
      // The shape here; the fields themselves are checked when staff save the campaign (the cron library is
      // not bundled into every function that reads campaigns).
      schedule: z
        .string()
        .check(z.regex(/^cron\(\S+( \S+){5}\)$/, 'must be a six-field cron(...) expression')),
      segment: z._default(segmentSchema, {}),
    }),
  ]),
);

/** Conditions a trigger must meet; every given one must pass. Amounts are fen. */
export const campaignConditionsSchema = lazySchema(() =>
  z.strictObject({
    stores: z.optional(z.array(id).check(z.minLength(1), z.maxLength(500))),
    categories: z.optional(z.array(id).check(z.minLength(1), z.maxLength(200))),
    skus: z.optional(z.array(id).check(z.minLength(1), z.maxLength(1000))),
    minSpend: z.optional(z.int().check(z.positive())),
    tiers: z.optional(z.array(tierCodeSchema).check(z.minLength(1))),
    /** ISO weekdays in the programme's time zone: 1 Monday … 7 Sunday. */
    daysOfWeek: z.optional(z.array(z.int().check(z.gte(1), z.lte(7))).check(z.minLength(1), z.maxLength(7))),
    /** Local hours [from, to) in the programme's time zone, 0–24. */
    hours: z.optional(
      z
        .strictObject({
          from: z.int().check(z.gte(0), z.lte(23)),
          to: z.int().check(z.gte(1), z.lte(24)),
        })
        .check(z.refine((h) => h.from < h.to, { message: 'must be after from', path: ['to'] })),
    ),
    /** The member's nth purchase (1 = first purchase). */
    purchaseNumber: z.optional(z.int().check(z.positive(), z.lte(1000))),
  }),
);

export const campaignEffectsSchema = lazySchema(() =>
  z
    .strictObject({
      bonusPoints: z.optional(
        z.discriminatedUnion('kind', [
          z.strictObject({
            kind: z.literal('fixed'),
            points: z.int().check(z.positive(), z.lte(1_000_000)),
          }),
          /** The purchase's base points times the factor: 2 doubles them (the bonus is the base once more). */
          z.strictObject({
            kind: z.literal('multiplier'),
            factor: z.number().check(z.gte(1), z.lte(20)),
          }),
        ]),
      ),
      /** A coupon or voucher reward of the catalogue, given free (one per award; codes single-use, with expiry). */
      reward: z.optional(
        z.strictObject({ rewardId: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)) }),
      ),
      /** A marketing message: sent only to members whose consent stands at that moment. */
      message: z.optional(
        z.strictObject({
          title: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
          body: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
        }),
      ),
    })
    .check(
      z.refine(
        (effects) => effects.bonusPoints || effects.message || effects.reward,
        'must include bonusPoints, reward or message',
      ),
    ),
);

export const campaignLimitsSchema = lazySchema(() =>
  z.strictObject({
    /** Bonus points the campaign may award in all. */
    pointsBudget: z.optional(z.int().check(z.positive())),
    /** Members who may take part. */
    maxParticipants: z.optional(z.int().check(z.positive())),
    perCustomer: z.optional(
      z.strictObject({
        count: z.int().check(z.positive(), z.lte(1000)),
        per: z.enum(['day', 'week', 'month', 'campaign']),
      }),
    ),
  }),
);

const PURCHASE_ONLY = ['stores', 'categories', 'skus', 'minSpend', 'purchaseNumber'] as const;

/** The rules that tie a campaign's fields together, each naming the field staff must change. */
const campaignRules = () =>
  z.superRefine((campaign: CampaignRuleFields, context) => {
    // Compared only when both are times: a malformed one has its own error already.
    const window = [campaign.startsAt, campaign.endsAt].map((time) => Date.parse(time));
    if (window.every((time) => !Number.isNaN(time)) && window[0]! >= window[1]!)
      context.addIssue({ code: 'custom', message: 'must be after startsAt', path: ['endsAt'] });
    if (campaign.trigger.kind !== 'purchase') {
      for (const condition of PURCHASE_ONLY)
        if (campaign.conditions[condition] !== undefined)
          context.addIssue({
            code: 'custom',
            message: 'applies to purchase campaigns only',
            path: ['conditions', condition],
          });
      if (campaign.effects.bonusPoints?.kind === 'multiplier')
        context.addIssue({
          code: 'custom',
          message: 'must be fixed: a multiplier needs the base points of a purchase',
          path: ['effects', 'bonusPoints', 'kind'],
        });
    }
  });
interface CampaignRuleFields {
  startsAt: string;
  endsAt: string;
  trigger: { kind: string };
  conditions: Partial<Record<(typeof PURCHASE_ONLY)[number], unknown>>;
  effects: { bonusPoints?: { kind: string } };
}

/** A campaign's terms as staff write them, before any default. */
const campaignTerms = () => ({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  description: z.string().check(z.trim(), z.maxLength(1000)),
  trigger: campaignTriggerSchema,
  conditions: campaignConditionsSchema,
  effects: campaignEffectsSchema,
  limits: campaignLimitsSchema,
  /** Higher goes first; an exclusive campaign that awards stops the ones after it. */
  priority: z.int().check(z.gte(0), z.lte(1000)),
  exclusive: z.boolean(),
  /** Members must join first (POST /v1/campaigns/{id}/join). */
  optIn: z.boolean(),
  /** Shown to members in GET /v1/campaigns. */
  visibleToMembers: z.boolean(),
  startsAt: momentSchema,
  endsAt: momentSchema,
});

/** What staff write; the server adds id, status, version and times. A new campaign's missing terms take defaults. */
export const campaignDefinitionSchema = lazySchema(() => {
  const terms = campaignTerms();
  return z
    .strictObject({
      ...terms,
      description: z._default(terms.description, ''),
      conditions: z._default(terms.conditions, {}),
      limits: z._default(terms.limits, {}),
      priority: z._default(terms.priority, 100),
      exclusive: z._default(terms.exclusive, false),
      optIn: z._default(terms.optIn, false),
      visibleToMembers: z._default(terms.visibleToMembers, true),
    })
    .check(campaignRules());
});
export type CampaignDefinition = z.infer<typeof campaignDefinitionSchema>;

/**
 * An edit of a campaign: each term it sends replaces the stored one whole (a trigger, the conditions, the
 * effects, the limits), and every term left out keeps its value; no default applies.
 */
export const campaignChangesSchema = lazySchema(() =>
  z
    .partial(z.strictObject(campaignTerms()))
    .check(z.refine((changes) => Object.keys(changes).length > 0, 'must name at least one term to change')),
);
export type CampaignChanges = z.infer<typeof campaignChangesSchema>;

/** The tier codes a campaign's terms name (its conditions, a blast's segment), with where they are. */
export function tierCodesOf(terms: Pick<CampaignChanges, 'conditions' | 'trigger'>) {
  const segment = terms.trigger && 'segment' in terms.trigger ? terms.trigger.segment : undefined;
  return [
    ...(terms.conditions?.tiers ?? []).map((code, i) => ({ path: ['conditions', 'tiers', i], code })),
    ...(segment?.tiers ?? []).map((code, i) => ({ path: ['trigger', 'segment', 'tiers', i], code })),
  ];
}

export const campaignStatuses = ['draft', 'scheduled', 'active', 'paused', 'ended'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export const campaignSchema = lazySchema(() =>
  z.object({
    campaignId: z.string(),
    status: z.enum(campaignStatuses),
    version: z.int().check(z.positive()),
    definition: campaignDefinitionSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export type Campaign = z.infer<typeof campaignSchema>;
