import * as z from '../zod';
import { campaignDefinitionSchema, campaignSchema, campaignStatuses } from './model';
import { lazySchema } from '../lazy-schema';

export const campaignResultsSchema = lazySchema(() =>
  z.object({
    participants: z.number().check(z.int()),
    awards: z.number().check(z.int()),
    pointsAwarded: z.number().check(z.int()),
    pointsReversed: z.number().check(z.int()),
    /** Sales of participants during the campaign window, fen (from the daily purchase records). */
    participantRevenue: z.number().check(z.int()),
    couponsIssued: z.number().check(z.int()),
    couponsRedeemed: z.number().check(z.int()),
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
    version: z.number().check(z.int(), z.positive()),
  }),
);

export const dryRunRequestSchema = lazySchema(() =>
  z.strictObject({
    customerTier: z.optional(z.string()),
    purchase: z.strictObject({
      storeId: z.string().check(z.minLength(1)),
      amount: z.number().check(z.int(), z.gte(0)),
      occurredAt: z.iso.datetime({ offset: true }),
      categories: z._default(z.array(z.string()), []),
      skus: z._default(z.array(z.string()), []),
      purchaseNumber: z.optional(z.number().check(z.int(), z.positive())),
      basePoints: z.number().check(z.int(), z.gte(0)),
    }),
  }),
);

export const dryRunResultSchema = lazySchema(() =>
  z.object({
    applies: z.boolean(),
    bonusPoints: z.number().check(z.int()),
    checks: z.array(z.object({ condition: z.string(), passed: z.boolean(), detail: z.string() })),
  }),
);

export const campaignStatusSchema = lazySchema(() => z.enum(campaignStatuses));
