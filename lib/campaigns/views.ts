import * as z from '../zod';
import { tierCodeSchema } from '../loyalty/tiers';
import { purchaseLineSchema } from '../pos/messages';
import { campaignChangesSchema, campaignSchema, campaignStatuses } from './model';
import { lazySchema } from '../lazy-schema';
import { momentSchema } from '../http/time-inputs';

export const campaignResultsSchema = lazySchema(() =>
  z.object({
    participants: z.int(),
    awards: z.int(),
    pointsAwarded: z.int(),
    pointsReversed: z.int(),
    /** Sales of participants during the campaign window, fen (from the daily purchase records). */
    participantRevenue: z.int(),
    couponsIssued: z.int(),
    couponsRedeemed: z.int(),
  }),
);

export const staffCampaignSchema = lazySchema(() =>
  z.extend(campaignSchema, {
    results: z.optional(campaignResultsSchema),
  }),
);

/** What members see of a campaign. */
export const memberCampaignSchema = lazySchema(() =>
  z.object({
    campaignId: z.string(),
    name: z.string(),
    description: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    optIn: z.boolean(),
    joined: z.boolean(),
  }),
);

export const campaignUpdateSchema = lazySchema(() =>
  z.strictObject({
    definition: campaignChangesSchema,
    /** The version the edit was made on: another edit since then is a 409 VERSION_CONFLICT. */
    version: z.int().check(z.positive()),
  }),
);

/** A sample purchase to judge a campaign against; with a member, as that member would be judged. */
export const dryRunRequestSchema = lazySchema(() =>
  z.strictObject({
    /** The member to judge for: their tier, whether they joined, their awards so far. */
    customerId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    /** The tier to judge with, instead of the member's (a new member's, the ladder's first, when neither is given). */
    customerTier: z.optional(tierCodeSchema),
    purchase: z.strictObject({
      storeId: z.string().check(z.minLength(1), z.maxLength(40)),
      amount: z.int().check(z.gte(0)),
      occurredAt: momentSchema,
      /** The sale's lines as the POS sends them: base points are reckoned from them, as for a real sale. */
      items: z._default(z.array(purchaseLineSchema).check(z.maxLength(500)), []),
      /** The lines' categories and SKUs when not given. */
      categories: z.optional(z.array(z.string())),
      skus: z.optional(z.array(z.string())),
      purchaseNumber: z.optional(z.int().check(z.positive())),
      /** Reckoned with the earning rules in force at the sale's time when not given. */
      basePoints: z.optional(z.int().check(z.gte(0))),
    }),
  }),
);
export type DryRunRequest = z.infer<typeof dryRunRequestSchema>;

export const dryRunResultSchema = lazySchema(() =>
  z.object({
    applies: z.boolean(),
    bonusPoints: z.int(),
    /** The sale's base points the bonus was reckoned from: given, or from the earning rules. */
    basePoints: z.int(),
    /** Every check an award makes, in order, each with whether it passed and why. */
    checks: z.array(z.object({ condition: z.string(), passed: z.boolean(), detail: z.string() })),
  }),
);
export type DryRunResult = z.infer<typeof dryRunResultSchema>;

export const campaignStatusSchema = lazySchema(() => z.enum(campaignStatuses));
