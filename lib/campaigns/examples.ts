import type * as z from '../zod';
import type { Campaign, campaignDefinitionSchema } from './model';
import type { campaignResultsSchema, memberCampaignSchema } from './views';

/** A purchase campaign as staff write it, in OpenAPI's examples: double points on coffee on 11 November. */
export const campaignDefinitionExample = {
  name: 'Double Eleven coffee bonus',
  description: 'Double points on coffee at Manner Coffee, B1, on 11 November.',
  trigger: { kind: 'purchase' },
  conditions: { stores: ['plaza-b1-017'], categories: ['coffee'], minSpend: 3000 },
  effects: { bonusPoints: { kind: 'multiplier', factor: 2 } },
  limits: { pointsBudget: 200000, perCustomer: { count: 1, per: 'day' } },
  startsAt: '2026-11-11T00:00:00+08:00',
  endsAt: '2026-11-12T00:00:00+08:00',
} satisfies z.input<typeof campaignDefinitionSchema>;

/** That campaign as staff read it, running, in OpenAPI's examples. */
export const campaignExample = {
  campaignId: '01JDD1F3H5K7M9P1R3T5V7X9Z1',
  status: 'active',
  version: 2,
  definition: {
    ...campaignDefinitionExample,
    priority: 100,
    exclusive: false,
    optIn: false,
    visibleToMembers: true,
    startsAt: '2026-11-10T16:00:00.000Z',
    endsAt: '2026-11-11T16:00:00.000Z',
  },
  createdAt: '2026-11-05T08:12:40.377Z',
  updatedAt: '2026-11-10T16:00:02.114Z',
} satisfies Campaign;

/** Its results so far, in OpenAPI's examples. */
export const campaignResultsExample = {
  participants: 1342,
  awards: 1618,
  pointsAwarded: 187204,
  pointsReversed: 2310,
  participantRevenue: 25417600,
  couponsIssued: 0,
  couponsRedeemed: 0,
  heldOut: 0,
  heldOutRevenue: 0,
} satisfies z.output<typeof campaignResultsSchema>;

/** An opt-in campaign as members see it, in OpenAPI's examples. */
export const memberCampaignExample = {
  campaignId: '01JDF5H7K9M1P3R5T7V9X1Z3B5',
  name: 'Winter members week',
  description: 'Join, then earn 200 bonus points on your first purchase of 500 CNY or more, 1 to 7 December.',
  startsAt: '2026-11-30T16:00:00.000Z',
  endsAt: '2026-12-07T16:00:00.000Z',
  optIn: true,
  joined: false,
} satisfies z.output<typeof memberCampaignSchema>;
