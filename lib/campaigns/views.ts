import * as z from '../zod';
import { tierCodeSchema } from '../loyalty/tiers';
import { purchaseLineSchema } from '../pos/messages';
import {
  campaignChangesSchema,
  campaignDefinitionSchema,
  campaignSchema,
  campaignStatuses,
  campaignTriggerKinds,
  campaignVenueKinds,
} from './model';
import { paginationQuerySchema, nextCursorSchema } from '../db/cursor';
import { segmentSchema } from './segment-schema';
import { lazySchema } from '../lazy-schema';
import { momentSchema } from '../http/time-inputs';

export const campaignResultsSchema = lazySchema(() =>
  z.object({
    participants: z.int().check(z.describe('Members who got an award or joined')),
    awards: z.int().check(z.describe('Times the campaign awarded')),
    pointsAwarded: z.int().check(z.describe('Bonus points awarded')),
    pointsReversed: z.int().check(z.describe('Bonus points taken back because their sale was refunded')),
    participantRevenue: z
      .int()
      .check(
        z.describe(
          "Participants' sales during the campaign window, in fen (from the daily purchase records)",
        ),
      ),
    couponsIssued: z.int().check(z.describe('Coupon or voucher codes the campaign gave')),
    couponsRedeemed: z.int().check(z.describe('Of those, codes used at a till')),
    heldOut: z
      .int()
      .check(
        z.describe(
          "Members of the control group (the campaign's holdout) who would have been awarded and got nothing; not counted as participants",
        ),
      ),
    heldOutRevenue: z
      .int()
      .check(
        z.describe(
          "The control group's sales during the campaign window, in fen, to set against participantRevenue",
        ),
      ),
  }),
);

/** The awards of one programme day (Asia/Shanghai), for the results chart. */
export const campaignDayResultSchema = lazySchema(() =>
  z.object({
    day: z.string().check(z.describe('The programme day, YYYY-MM-DD')),
    awards: z.int().check(z.describe('Awards made that day')),
    pointsAwarded: z.int().check(z.describe('Bonus points those awards gave')),
  }),
);

export const staffCampaignSchema = lazySchema(() =>
  z.extend(campaignSchema, {
    results: z.optional(
      campaignResultsSchema.check(
        z.describe('How the campaign did; given when one campaign or the list is read'),
      ),
    ),
    daily: z.optional(
      z
        .array(campaignDayResultSchema)
        .check(z.describe('Day by day, the days it awarded on, in order; given when one campaign is read')),
    ),
  }),
);

/** A page of the campaign list, filtered by status and trigger. */
export const campaignListQuerySchema = lazySchema(() =>
  z.extend(paginationQuerySchema, {
    status: z.optional(z.enum(campaignStatuses).check(z.describe('Only campaigns in this status'))),
    trigger: z.optional(
      z.enum(campaignTriggerKinds).check(z.describe('Only campaigns with this kind of trigger')),
    ),
  }),
);

export const campaignPageSchema = lazySchema(() =>
  z.object({ items: z.array(staffCampaignSchema), nextCursor: nextCursorSchema }),
);

export const campaignVersionPageSchema = lazySchema(() =>
  z.object({
    items: z.array(
      z.object({
        version: z.int().check(z.describe('The version: 1 at creation, one more per edit once live')),
        definition: campaignDefinitionSchema,
        createdAt: z.string().check(z.describe("When this version was made (a draft's edits replace its 1)")),
      }),
    ),
    nextCursor: nextCursorSchema,
  }),
);

/** A page of a campaign's participants, or of its control group. */
export const campaignParticipantQuerySchema = lazySchema(() =>
  z.extend(paginationQuerySchema, {
    group: z._default(
      z
        .enum(['participants', 'held-out'])
        .check(
          z.describe(
            "participants: members who joined or got an award; held-out: the campaign's control group, who got nothing",
          ),
        ),
      'participants',
    ),
  }),
);

export const campaignParticipantPageSchema = lazySchema(() =>
  z.object({
    items: z.array(
      z.object({
        customerId: z.string(),
        joinedAt: z
          .string()
          .check(
            z.describe('When they joined or got their first award (held out: when they were first recorded)'),
          ),
        awards: z.int().check(z.describe('Awards they got, over every period counted')),
        pointsAwarded: z.int().check(z.describe('Bonus points their awards gave')),
        heldOut: z.optional(
          z
            .boolean()
            .check(z.describe("True for a member of the campaign's control group: given nothing, by design")),
        ),
      }),
    ),
    nextCursor: nextCursorSchema,
  }),
);

export const campaignAwardPageSchema = lazySchema(() =>
  z.object({
    items: z.array(
      z.object({
        customerId: z.string(),
        trigger: z
          .string()
          .check(
            z.describe(
              'What it was for: purchase:<store>:<transaction>, registration, birthday:<year>, blast',
            ),
          ),
        version: z.int().check(z.describe('The version of the terms it was made under')),
        bonusPoints: z.int().check(z.describe('Bonus points it gave')),
        bonusReversed: z.int().check(z.describe('Of those, points taken back by refunds')),
        storeId: z.optional(z.string()),
        saleAmount: z.optional(z.int().check(z.describe('The sale that triggered it, in fen'))),
        at: z.string().check(z.describe('When it was made')),
      }),
    ),
    nextCursor: nextCursorSchema,
  }),
);

export const audiencePreviewRequestSchema = lazySchema(() =>
  z.strictObject({
    segment: z._default(segmentSchema, {}).check(z.describe('The members to count; all of them when empty')),
  }),
);

export const audiencePreviewSchema = lazySchema(() =>
  z.object({
    members: z.int().check(z.describe('Members looked at on this page')),
    consenting: z.int().check(z.describe('Of those, members who accept marketing')),
    reached: z.int().check(z.describe('Of those, members in the segment now: whom a blast would reach')),
    nextCursor: nextCursorSchema,
  }),
);

/** What members see of a campaign. */
export const memberCampaignSchema = lazySchema(() =>
  z.object({
    campaignId: z.string(),
    name: z.string(),
    description: z.string(),
    startsAt: z.string().check(z.describe('The campaign runs from then')),
    endsAt: z.string().check(z.describe('The campaign runs until then, excluded')),
    optIn: z
      .boolean()
      .check(z.describe('Members must join (POST /v1/campaigns/{campaignId}/join) to take part')),
    joined: z.boolean().check(z.describe('Whether the signed-in member joined')),
  }),
);

export const campaignUpdateSchema = lazySchema(() =>
  z.strictObject({
    definition: campaignChangesSchema.check(
      z.describe('Only the terms to change: each replaces the stored one whole; the rest keep their value'),
    ),
    version: z
      .int()
      .check(
        z.positive(),
        z.describe('The version the edit was made on: another edit since then is a 409 VERSION_CONFLICT'),
      ),
  }),
);

/**
 * A sample purchase or attended booking to judge a campaign against (exactly one); with a member, as that
 * member would be judged.
 */
export const dryRunRequestSchema = lazySchema(() =>
  z
    .strictObject({
      customerId: z.optional(
        z
          .string()
          .check(
            z.minLength(1),
            z.maxLength(64),
            z.describe('The member to judge for: their tier, whether they joined, their awards so far'),
          ),
      ),
      customerTier: z.optional(
        tierCodeSchema.check(
          z.describe(
            "The tier to judge with, instead of the member's (a new member's, the ladder's first, when neither is given)",
          ),
        ),
      ),
      purchase: z.optional(
        z
          .strictObject({
            storeId: z.string().check(z.minLength(1), z.maxLength(40)),
            amount: z.int().check(z.gte(0), z.describe('What the customer paid, in fen')),
            occurredAt: momentSchema.check(z.describe('When the sale is made, with Z or an offset')),
            items: z._default(
              z
                .array(purchaseLineSchema)
                .check(
                  z.maxLength(500),
                  z.describe(
                    "The sale's lines as the POS sends them: base points are reckoned from them, as for a real sale",
                  ),
                ),
              [],
            ),
            categories: z.optional(
              z
                .array(z.string())
                .check(z.describe("The sale's categories; those of its lines when not given")),
            ),
            skus: z.optional(
              z.array(z.string()).check(z.describe("The sale's SKUs; those of its lines when not given")),
            ),
            purchaseNumber: z.optional(
              z
                .int()
                .check(z.positive(), z.describe("Which of the member's purchases this is: 1 for the first")),
            ),
            basePoints: z.optional(
              z
                .int()
                .check(
                  z.gte(0),
                  z.describe(
                    "The sale's base points; reckoned with the earning rules in force at its time when not given",
                  ),
                ),
            ),
          })
          .check(z.describe('A sample sale, for a purchase campaign: nothing is recorded or awarded')),
      ),
      booking: z.optional(
        z
          .strictObject({
            venueId: z.string().check(z.minLength(1), z.maxLength(64), z.describe('The venue booked')),
            venueKind: z.enum(campaignVenueKinds).check(z.describe("The venue's kind")),
            partySize: z
              .int()
              .check(z.positive(), z.lte(1000), z.describe('How many people the booking is for')),
            attendedAt: momentSchema.check(z.describe('When the member checks in, with Z or an offset')),
          })
          .check(
            z.describe(
              'A sample attended booking, for a booking-attended campaign: nothing is recorded or awarded',
            ),
          ),
      ),
    })
    .check(
      z.refine((sample) => (sample.purchase === undefined) !== (sample.booking === undefined), {
        message: 'must give either a purchase or a booking sample',
        path: ['purchase'],
      }),
    ),
);
export type DryRunRequest = z.infer<typeof dryRunRequestSchema>;

export const dryRunResultSchema = lazySchema(() =>
  z.object({
    applies: z.boolean().check(z.describe('Whether the campaign would award: every check passed')),
    bonusPoints: z.int().check(z.describe('The bonus it would award; 0 when it does not apply')),
    basePoints: z
      .int()
      .check(
        z.describe(
          "The sale's base points the bonus was reckoned from: given, or from the earning rules; 0 for a booking",
        ),
      ),
    checks: z
      .array(
        z.object({
          condition: z.string().check(z.describe('What is checked: trigger, window, a condition or a limit')),
          passed: z.boolean(),
          detail: z.string().check(z.describe('Why it passed or not, in words')),
        }),
      )
      .check(z.describe('Every check an award makes, in order, each with whether it passed and why')),
    heldOut: z.optional(
      z
        .boolean()
        .check(
          z.describe(
            'Given for a member of a campaign with a holdout: true when they are in its control group and would get nothing',
          ),
        ),
    ),
  }),
);
export type DryRunResult = z.infer<typeof dryRunResultSchema>;

export const campaignStatusSchema = lazySchema(() => z.enum(campaignStatuses));

/** A campaign a member takes part in, as the service desk sees it. */
export const memberParticipationSchema = lazySchema(() =>
  z.object({
    campaignId: z.string(),
    name: z.string(),
    status: campaignSchema.shape.status,
    startsAt: z.string().check(z.describe('The campaign runs from then')),
    endsAt: z.string().check(z.describe('The campaign runs until then, excluded')),
    joinedAt: z.string().check(z.describe('When the member joined, or earned their first award')),
    pointsAwarded: z.int().check(z.describe('Bonus points the campaign has given the member so far')),
  }),
);
export type MemberParticipation = z.infer<typeof memberParticipationSchema>;
