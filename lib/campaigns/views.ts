import * as z from '../zod';
import { campaignDefinitionSchema, campaignSchema, campaignStatuses } from './model';
import { lazySchema } from '../lazy-schema';

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
    definition: campaignDefinitionSchema,
    version: z.int().check(z.positive()),
  }),
);

export const dryRunRequestSchema = lazySchema(() =>
  z.strictObject({
    customerTier: z.optional(z.string()),
    purchase: z.strictObject({
      storeId: z.string().check(z.minLength(1)),
      amount: z.int().check(z.gte(0)),
      occurredAt: z.iso.datetime({ offset: true }),
      categories: z._default(z.array(z.string()), []),
      skus: z._default(z.array(z.string()), []),
      purchaseNumber: z.optional(z.int().check(z.positive())),
      basePoints: z.int().check(z.gte(0)),
    }),
  }),
);

export const dryRunResultSchema = lazySchema(() =>
  z.object({
    applies: z.boolean(),
    bonusPoints: z.int(),
    checks: z.array(z.object({ condition: z.string(), passed: z.boolean(), detail: z.string() })),
  }),
);

export const campaignStatusSchema = lazySchema(() => z.enum(campaignStatuses));
