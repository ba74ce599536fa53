import * as z from '../lib/zod';
import { defineEvent } from './envelope';

export const CampaignParticipated = defineEvent({
  source: 'sbm.crm.campaigns',
  detailType: 'CampaignParticipated',
  schemaVersion: 1,
  description:
    'A member took part in a campaign: joined an opt-in campaign, or received its award (once per campaign and triggering event).',
  data: () =>
    z.strictObject({
      campaignId: z.string(),
      /** The campaign version the award was made under. */
      version: z.int().check(z.positive()),
      customerId: z.string(),
      kind: z.enum(['joined', 'awarded']),
      bonusPoints: z.int().check(z.gte(0)),
      /**
       * What triggered it: `purchase:<store>:<transaction>`, `registration`, `profile-completed`,
       * `custom:<name>:<key>`, `birthday:<year>`, `blast[:<occurrence>]` or `join`.
       */
      trigger: z.string(),
      at: z.iso.datetime(),
    }),
  example: {
    campaignId: '01JD0000000000000000000001',
    version: 1,
    customerId: '01JD0000000000000000000000',
    kind: 'awarded',
    bonusPoints: 128,
    trigger: 'purchase:demo-store:T-1001',
    at: '2026-11-28T04:00:01.000Z',
  },
});
