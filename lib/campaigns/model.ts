import * as z from 'zod';
import { TIERS, type TierCode } from '../loyalty/tiers';
import { segmentSchema } from './segments';
import { lazySchema } from '../lazy-schema';

const tierCodes = TIERS.map((tier) => tier.code) as [TierCode, ...TierCode[]];
const id = lazySchema(() => z.string().trim().min(1).max(64));

/** What a campaign reacts to. Bookings are not built yet (see the README). */
export const campaignTriggerSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('purchase') }).strict(),
    z.object({ kind: z.literal('registration') }).strict(),
    /** Fired by the daily birthday schedule, once a year per member, on the birthday in the programme's time zone. */
    z.object({ kind: z.literal('birthday') }).strict(),
    /** A member completes their profile (name, birthday and a bound phone), once. */
    z.object({ kind: z.literal('profileCompleted') }).strict(),
    /** A named event staff record for a member (CustomEventRecorded), such as attending a mall event. */
    z.object({ kind: z.literal('custom'), eventName: z.string().trim().min(1).max(64) }).strict(),
    /**
     * A one-off blast at a set time to a segment of the members who accept marketing, fanned out through
     * SQS; each member is reached at most once.
     */
    z.object({ kind: z.literal('blast'), at: z.iso.datetime(), segment: segmentSchema.default({}) }).strict(),
    /**
     * A blast that recurs: `cron(min hour day-of-month month day-of-week *)` read in the programme's time
     * zone (Asia/Shanghai), each occurrence reaching each member at most once.
     */
    z
      .object({
        kind: z.literal('recurring'),
        // The shape here; the fields themselves are checked when staff save the campaign (the cron library is
        // not bundled into every function that reads campaigns).
        schedule: z.string().regex(/^cron\(\S+( \S+){5}\)$/, 'a six-field cron(...) expression'),
        segment: segmentSchema.default({}),
      })
      .strict(),
  ]),
);

/** Conditions a trigger must meet; every given one must pass. Amounts are fen. */
export const campaignConditionsSchema = lazySchema(() =>
  z
    .object({
      stores: z.array(id).min(1).max(500).optional(),
      categories: z.array(id).min(1).max(200).optional(),
      skus: z.array(id).min(1).max(1000).optional(),
      minSpend: z.number().int().positive().optional(),
      tiers: z.array(z.enum(tierCodes)).min(1).optional(),
      /** ISO weekdays in the programme's time zone: 1 Monday … 7 Sunday. */
      daysOfWeek: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
      /** Local hours [from, to) in the programme's time zone, 0–24. */
      hours: z
        .object({ from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) })
        .strict()
        .refine((h) => h.from < h.to, 'from before to')
        .optional(),
      /** The member's nth purchase (1 = first purchase). */
      purchaseNumber: z.number().int().positive().max(1000).optional(),
    })
    .strict(),
);

export const campaignEffectsSchema = lazySchema(() =>
  z
    .object({
      bonusPoints: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('fixed'), points: z.number().int().positive().max(1_000_000) }).strict(),
          /** The purchase's base points times the factor: 2 doubles them (the bonus is the base once more). */
          z.object({ kind: z.literal('multiplier'), factor: z.number().min(1).max(20) }).strict(),
        ])
        .optional(),
      /** A coupon or voucher reward of the catalogue, given free (one per award; codes single-use, with expiry). */
      reward: z
        .object({ rewardId: z.string().trim().min(1).max(64) })
        .strict()
        .optional(),
      /** A marketing message: sent only to members whose consent stands at that moment. */
      message: z
        .object({ title: z.string().trim().min(1).max(40), body: z.string().trim().min(1).max(500) })
        .strict()
        .optional(),
    })
    .strict()
    .refine(
      (effects) => effects.bonusPoints || effects.message || effects.reward,
      'a campaign needs an effect',
    ),
);

export const campaignLimitsSchema = lazySchema(() =>
  z
    .object({
      /** Bonus points the campaign may award in all. */
      pointsBudget: z.number().int().positive().optional(),
      /** Members who may take part. */
      maxParticipants: z.number().int().positive().optional(),
      perCustomer: z
        .object({
          count: z.number().int().positive().max(1000),
          per: z.enum(['day', 'week', 'month', 'campaign']),
        })
        .strict()
        .optional(),
    })
    .strict(),
);

const PURCHASE_ONLY = ['stores', 'categories', 'skus', 'minSpend', 'purchaseNumber'] as const;

/** What staff write; the server adds id, status, version and times. */
export const campaignDefinitionSchema = lazySchema(() =>
  z
    .object({
      name: z.string().trim().min(1).max(100),
      description: z.string().trim().max(1000).default(''),
      trigger: campaignTriggerSchema,
      conditions: campaignConditionsSchema.default({}),
      effects: campaignEffectsSchema,
      limits: campaignLimitsSchema.default({}),
      /** Higher goes first; an exclusive campaign that awards stops the ones after it. */
      priority: z.number().int().min(0).max(1000).default(100),
      exclusive: z.boolean().default(false),
      /** Members must join first (POST /v1/campaigns/{id}/join). */
      optIn: z.boolean().default(false),
      /** Shown to members in GET /v1/campaigns. */
      visibleToMembers: z.boolean().default(true),
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
    })
    .strict()
    .refine((campaign) => campaign.startsAt < campaign.endsAt, 'startsAt before endsAt')
    .refine(
      (campaign) =>
        campaign.trigger.kind === 'purchase' ||
        PURCHASE_ONLY.every((condition) => campaign.conditions[condition] === undefined),
      `${'stores, categories, skus, minSpend and purchaseNumber'} apply to purchase campaigns only`,
    )
    .refine(
      (campaign) =>
        campaign.trigger.kind === 'purchase' || campaign.effects.bonusPoints?.kind !== 'multiplier',
      'a multiplier needs the base points of a purchase',
    ),
);
export type CampaignDefinition = z.infer<typeof campaignDefinitionSchema>;

export const campaignStatuses = ['draft', 'scheduled', 'active', 'paused', 'ended'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export const campaignSchema = lazySchema(() =>
  z.object({
    campaignId: z.string(),
    status: z.enum(campaignStatuses),
    version: z.number().int().positive(),
    definition: campaignDefinitionSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export type Campaign = z.infer<typeof campaignSchema>;
