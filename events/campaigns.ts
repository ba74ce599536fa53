import * as z from '../lib/zod';
import { defineEvent } from './envelope';

export const CampaignParticipated = defineEvent({
  source: 'sbm.crm.campaigns',
  detailType: 'CampaignParticipated',
  schemaVersion: 1,
  description:
    'A member took part in a campaign: joined an opt-in campaign, received its award (once per campaign and triggering event), or was held out of it as its control group (once per campaign and member, with nothing given).',
  data: () =>
    z.strictObject({
      campaignId: z.string(),
      /** The campaign version the award was made under. */
      version: z.int().check(z.positive()),
      customerId: z.string(),
      /** `held-out`: in the campaign's control group (its holdout), given nothing; bonusPoints is 0. */
      kind: z.enum(['joined', 'awarded', 'held-out']),
      bonusPoints: z.int().check(z.gte(0)),
      /**
       * What triggered it: `purchase:<store>:<transaction>`, `registration`, `profile-completed`,
       * `custom:<name>:<key>`, `birthday:<year>`, `blast[:<occurrence>]` or `join`.
       */
      trigger: z.string(),
      at: z.iso.datetime(),
      /** The redemption holding the coupon or voucher the award gave, when it gave one. */
      redemptionId: z.optional(z.string()),
      /** The catalogue reward of that coupon or voucher. */
      rewardId: z.optional(z.string()),
    }),
  example: {
    campaignId: '01JD0000000000000000000001',
    version: 1,
    customerId: '01JD0000000000000000000000',
    kind: 'awarded',
    bonusPoints: 128,
    trigger: 'purchase:demo-store:T-1001',
    at: '2026-11-28T04:00:01.000Z',
    redemptionId: '01JD0000000000000000000002',
    rewardId: 'coffee-voucher',
  },
});
