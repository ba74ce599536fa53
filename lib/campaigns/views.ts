import * as z from 'zod';
import { campaignDefinitionSchema, campaignSchema, campaignStatuses } from './model';
import { lazySchema } from '../lazy-schema';

export const campaignResultsSchema = lazySchema(() =>
  z.object({
    participants: z.number().int(),
    awards: z.number().int(),
    pointsAwarded: z.number().int(),
    pointsReversed: z.number().int(),
    /** Sales of participants during the campaign window, fen (from the daily purchase records). */
    participantRevenue: z.number().int(),
    couponsIssued: z.number().int(),
    couponsRedeemed: z.number().int(),
  }),
);

export const staffCampaignSchema = lazySchema(() =>
  campaignSchema.extend({
    results: campaignResultsSchema.optional(),
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
  z.object({ definition: campaignDefinitionSchema, version: z.number().int().positive() }).strict(),
);

export const dryRunRequestSchema = lazySchema(() =>
  z
    .object({
      customerTier: z.string().optional(),
      purchase: z
        .object({
          storeId: z.string().min(1),
          amount: z.number().int().min(0),
          occurredAt: z.iso.datetime({ offset: true }),
          categories: z.array(z.string()).default([]),
          skus: z.array(z.string()).default([]),
          purchaseNumber: z.number().int().positive().optional(),
          basePoints: z.number().int().min(0),
        })
        .strict(),
    })
    .strict(),
);

export const dryRunResultSchema = lazySchema(() =>
  z.object({
    applies: z.boolean(),
    bonusPoints: z.number().int(),
    checks: z.array(z.object({ condition: z.string(), passed: z.boolean(), detail: z.string() })),
  }),
);

export const campaignStatusSchema = lazySchema(() => z.enum(campaignStatuses));
