// A campaign's terms as staff write them: the API parses requests with these schemas and the console's
// builder validates with the very same ones (web/shared/src/contracts), so this module and everything it
// imports stay browser-safe: zod and pure values only, no AWS SDK, no Node built-ins, no environment variables.
import * as z from '../zod';
import { tierCodeSchema } from '../loyalty/tiers';
import { segmentSchema } from './segment-schema';
import { lazySchema } from '../lazy-schema';
import { momentSchema } from '../http/moment';
import { VENUE_KINDS } from '../bookings/model';

const id = lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(64)));

/** Who a blast reaches: the members of the segment who accept marketing. */
const blastSegment = () =>
  z
    ._default(segmentSchema, {})
    .check(z.describe('The members to reach, of those who accept marketing; all of them when empty'));

/** The kinds of trigger, in the order the builder offers them. */
export const campaignTriggerKinds = [
  'purchase',
  'registration',
  'birthday',
  'profileCompleted',
  'custom',
  'bookingAttended',
  'blast',
  'recurring',
] as const;

/** The kinds of venue a booking-attended campaign's conditions may name: the bookings service's own. */
export const campaignVenueKinds = VENUE_KINDS;

/** What a campaign reacts to. */
export const campaignTriggerSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('purchase') }).check(z.describe("A member's sale reported by a till")),
    z.strictObject({ kind: z.literal('registration') }).check(z.describe('A member registers')),
    z
      .strictObject({ kind: z.literal('birthday') })
      .check(
        z.describe(
          "The daily birthday schedule, once a year per member, on the birthday in the programme's time zone",
        ),
      ),
    z
      .strictObject({ kind: z.literal('profileCompleted') })
      .check(z.describe('A member completes their profile (name, birthday and a bound phone), once')),
    z
      .strictObject({
        kind: z.literal('custom'),
        eventName: z
          .string()
          .check(
            z.trim(),
            z.minLength(1),
            z.maxLength(64),
            z.describe('The name staff record the event under'),
          ),
      })
      .check(
        z.describe(
          'A named event staff record for a member (POST /v1/admin/customers/{customerId}/events), such as attending a mall event',
        ),
      ),
    z
      .strictObject({ kind: z.literal('bookingAttended') })
      .check(
        z.describe(
          "A member shows up for a booking (BookingAttended: the venue's staff checked it in), once per booking",
        ),
      ),
    z
      .strictObject({
        kind: z.literal('blast'),
        at: momentSchema.check(z.describe('When to send, with Z or an offset')),
        segment: blastSegment(),
      })
      .check(
        z.describe(
          'A one-off blast at a set time to a segment of the members; each member is reached at most once',
        ),
      ),
    z
      .strictObject({
        kind: z.literal('recurring'),
        // The shape here; the fields themselves are checked when staff save the campaign (the cron library is
        // not bundled into every function that reads campaigns).
        schedule: z
          .string()
          .check(
            z.regex(/^cron\(\S+( \S+){5}\)$/, 'must be a six-field cron(...) expression'),
            z.describe(
              '`cron(minute hour day-of-month month day-of-week year)` as EventBridge writes it, read in the programme time zone (Asia/Shanghai); days of the week count from 1 = Sunday and the year must be `*`: cron(0 10 ? * 2 *) is every Monday at 10:00',
            ),
          ),
        segment: blastSegment(),
      })
      .check(
        z.describe('A blast that recurs on a schedule, each occurrence reaching each member at most once'),
      ),
  ]),
);

/** Conditions a trigger must meet; every given one must pass. Amounts are fen. */
export const campaignConditionsSchema = lazySchema(() =>
  z.strictObject({
    stores: z.optional(
      z
        .array(id)
        .check(z.minLength(1), z.maxLength(500), z.describe('Sales at one of these stores (purchases only)')),
    ),
    categories: z.optional(
      z
        .array(id)
        .check(
          z.minLength(1),
          z.maxLength(200),
          z.describe('Sales with a line of one of these categories (purchases only)'),
        ),
    ),
    skus: z.optional(
      z
        .array(id)
        .check(
          z.minLength(1),
          z.maxLength(1000),
          z.describe('Sales with a line of one of these SKUs (purchases only)'),
        ),
    ),
    minSpend: z.optional(
      z.int().check(z.positive(), z.describe('Sales of at least this amount paid, in fen (purchases only)')),
    ),
    tiers: z.optional(
      z.array(tierCodeSchema).check(z.minLength(1), z.describe('Members of one of these tiers')),
    ),
    daysOfWeek: z.optional(
      z
        .array(z.int().check(z.gte(1), z.lte(7)))
        .check(
          z.minLength(1),
          z.maxLength(7),
          z.describe("ISO weekdays in the programme's time zone: 1 Monday to 7 Sunday"),
        ),
    ),
    hours: z.optional(
      z
        .strictObject({
          from: z.int().check(z.gte(0), z.lte(23), z.describe('From this hour (included)')),
          to: z.int().check(z.gte(1), z.lte(24), z.describe('To this hour (excluded)')),
        })
        .check(
          z.refine((h) => h.from < h.to, { message: 'must be after from', path: ['to'] }),
          z.describe("Local hours [from, to) in the programme's time zone"),
        ),
    ),
    purchaseNumber: z.optional(
      z
        .int()
        .check(
          z.positive(),
          z.lte(1000),
          z.describe("The member's nth purchase only: 1 for their first (purchases only)"),
        ),
    ),
    venues: z.optional(
      z
        .array(id)
        .check(
          z.minLength(1),
          z.maxLength(500),
          z.describe('Bookings at one of these venues (attended bookings only)'),
        ),
    ),
    venueKinds: z.optional(
      z
        .array(z.enum(campaignVenueKinds))
        .check(
          z.minLength(1),
          z.maxLength(campaignVenueKinds.length),
          z.describe('Bookings at a venue of one of these kinds (attended bookings only)'),
        ),
    ),
    minPartySize: z.optional(
      z
        .int()
        .check(
          z.positive(),
          z.lte(1000),
          z.describe('Bookings for at least this many people (attended bookings only)'),
        ),
    ),
    maxPartySize: z.optional(
      z
        .int()
        .check(
          z.positive(),
          z.lte(1000),
          z.describe('Bookings for at most this many people (attended bookings only)'),
        ),
    ),
  }),
);

export const campaignEffectsSchema = lazySchema(() =>
  z
    .strictObject({
      bonusPoints: z.optional(
        z
          .discriminatedUnion('kind', [
            z
              .strictObject({
                kind: z.literal('fixed'),
                points: z.int().check(z.positive(), z.lte(1_000_000), z.describe('Bonus points per award')),
              })
              .check(z.describe('The same bonus points on every award')),
            z
              .strictObject({
                kind: z.literal('multiplier'),
                factor: z.number().check(z.gte(1), z.lte(20), z.describe('Times the base points, 1 to 20')),
              })
              .check(
                z.describe(
                  "The purchase's base points times the factor: 2 doubles them (the bonus is the base once more); purchases only",
                ),
              ),
          ])
          .check(z.describe('Bonus points credited on each award')),
      ),
      reward: z.optional(
        z
          .strictObject({ rewardId: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)) })
          .check(
            z.describe(
              'A coupon or voucher reward of the catalogue, given free: one code per award, single-use, with expiry',
            ),
          ),
      ),
      message: z.optional(
        z
          .strictObject({
            title: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
            body: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
          })
          .check(
            z.describe(
              "A marketing message to the member's inbox (and WeChat): sent only to members whose consent stands at that moment",
            ),
          ),
      ),
    })
    .check(
      z.refine(
        (effects) => effects.bonusPoints || effects.message || effects.reward,
        'must include bonusPoints, reward or message',
      ),
    ),
);

/** Awards one member may get per period. */
export const perCustomerLimitSchema = lazySchema(() =>
  z
    .strictObject({
      count: z.int().check(z.positive(), z.lte(1000), z.describe('Awards per period')),
      per: z
        .enum(['day', 'week', 'month', 'campaign'])
        .check(
          z.describe(
            "The period counted: the programme's day, its ISO week (from Monday) or month, or the whole campaign",
          ),
        ),
    })
    .check(z.describe('Awards one member may get per period')),
);

export const campaignLimitsSchema = lazySchema(() =>
  z.strictObject({
    pointsBudget: z.optional(
      z
        .int()
        .check(
          z.positive(),
          z.describe('Bonus points the campaign may award in all; set or removed only before it starts'),
        ),
    ),
    maxParticipants: z.optional(
      z
        .int()
        .check(
          z.positive(),
          z.describe(
            'Members who may take part (an opt-in campaign is then full); set or removed only before it starts',
          ),
        ),
    ),
    perCustomer: z.optional(perCustomerLimitSchema),
  }),
);

/** The largest share of members a campaign may hold out: half, so that the treated group is never the smaller. */
export const MAX_HOLDOUT_PERCENT = 50;

/**
 * The share of members held out as a control group: 0.1 to 50 per cent, whole or with one decimal (the
 * assignment works in hundredths of a per cent, so a second decimal would be silently rounded).
 */
export const holdoutPercentSchema = lazySchema(() =>
  z.number().check(
    z.gt(0),
    z.lte(MAX_HOLDOUT_PERCENT),
    z.refine(
      (percent) => Math.abs(percent * 10 - Math.round(percent * 10)) < 1e-9,
      'must be a whole number or have one decimal',
    ),
    z.describe(
      'Per cent of members held out as a control group (more than 0, at most 50, at most one decimal): chosen by a hash of campaign and member, they get nothing and are recorded, so that lift can be measured; fixed once the campaign has started',
    ),
  ),
);

const PURCHASE_ONLY = ['stores', 'categories', 'skus', 'minSpend', 'purchaseNumber'] as const;
const BOOKING_ONLY = ['venues', 'venueKinds', 'minPartySize', 'maxPartySize'] as const;

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
    }
    if (campaign.trigger.kind !== 'bookingAttended')
      for (const condition of BOOKING_ONLY)
        if (campaign.conditions[condition] !== undefined)
          context.addIssue({
            code: 'custom',
            message: 'applies to booking-attended campaigns only',
            path: ['conditions', condition],
          });
    const { minPartySize, maxPartySize } = campaign.conditions;
    if (typeof minPartySize === 'number' && typeof maxPartySize === 'number' && maxPartySize < minPartySize)
      context.addIssue({
        code: 'custom',
        message: 'must be at least minPartySize',
        path: ['conditions', 'maxPartySize'],
      });
    if (campaign.trigger.kind !== 'purchase') {
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
  conditions: Partial<Record<(typeof PURCHASE_ONLY | typeof BOOKING_ONLY)[number], unknown>>;
  effects: { bonusPoints?: { kind: string } };
}

/** A campaign's terms as staff write them, before any default. */
const campaignTerms = () => ({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  description: z.string().check(z.trim(), z.maxLength(1000), z.describe('Shown to members with the name')),
  trigger: campaignTriggerSchema,
  conditions: campaignConditionsSchema,
  effects: campaignEffectsSchema,
  limits: campaignLimitsSchema,
  priority: z
    .int()
    .check(
      z.gte(0),
      z.lte(1000),
      z.describe('Campaigns on one trigger are judged from the highest priority down (ties by campaign id)'),
    ),
  exclusive: z
    .boolean()
    .check(z.describe('When it awards, the campaigns after it on the same trigger award nothing')),
  holdoutPercent: z.optional(holdoutPercentSchema),
  optIn: z
    .boolean()
    .check(z.describe('Members must join first (POST /v1/campaigns/{campaignId}/join); others get nothing')),
  visibleToMembers: z.boolean().check(z.describe('Listed to members by GET /v1/campaigns while it runs')),
  startsAt: momentSchema.check(z.describe('Awards from this moment (with Z or an offset)')),
  endsAt: momentSchema.check(z.describe('Awards until this moment, excluded; after startsAt')),
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
    .partial(
      z.strictObject({
        ...campaignTerms(),
        holdoutPercent: z
          .nullable(holdoutPercentSchema)
          .check(z.describe('The new holdout; null removes it')),
      }),
    )
    .check(z.refine((changes) => Object.keys(changes).length > 0, 'must name at least one term to change')),
);
export type CampaignChanges = z.infer<typeof campaignChangesSchema>;

/**
 * A small edit: the window's ends and single limits, each given replacing its own value alone (a limit sent
 * as null is removed), everything else kept. `version` is the version the edit was made on.
 */
export const campaignPatchSchema = lazySchema(() =>
  z
    .strictObject({
      version: z
        .int()
        .check(
          z.positive(),
          z.describe('The version the edit was made on: another edit since then is a 409 VERSION_CONFLICT'),
        ),
      startsAt: z.optional(momentSchema.check(z.describe('The new start, with Z or an offset'))),
      endsAt: z.optional(momentSchema.check(z.describe('The new end (excluded), with Z or an offset'))),
      limits: z.optional(
        z
          .strictObject({
            pointsBudget: z.optional(
              z
                .nullable(z.int().check(z.positive()))
                .check(z.describe('The new points budget; null removes it')),
            ),
            maxParticipants: z.optional(
              z
                .nullable(z.int().check(z.positive()))
                .check(z.describe('The new participant cap; null removes it')),
            ),
            perCustomer: z.optional(
              z
                .nullable(perCustomerLimitSchema)
                .check(z.describe('The new per-member limit; null removes it')),
            ),
          })
          .check(
            z.describe('Only the limits to change: each given replaces its own value, the others are kept'),
          ),
      ),
    })
    .check(
      z.refine(
        (patch) =>
          patch.startsAt !== undefined ||
          patch.endsAt !== undefined ||
          Object.keys(patch.limits ?? {}).length > 0,
        'must name at least one of startsAt, endsAt or a limit to change',
      ),
    ),
);
export type CampaignPatch = z.infer<typeof campaignPatchSchema>;

/**
 * The terms a small edit changes, made on the stored ones: the limits it names replace those alone (null
 * removes one), the others stay as they are, and so do the terms it leaves out.
 */
export function changesOfPatch(stored: Pick<CampaignDefinition, 'limits'>, patch: CampaignPatch) {
  const changes: CampaignChanges = {};
  if (patch.startsAt !== undefined) changes.startsAt = patch.startsAt;
  if (patch.endsAt !== undefined) changes.endsAt = patch.endsAt;
  if (patch.limits) {
    const named = Object.entries(patch.limits).filter(([, value]) => value !== undefined);
    const limits = Object.fromEntries(
      Object.entries({ ...stored.limits, ...Object.fromEntries(named) }).filter(
        ([, value]) => value !== null,
      ),
    );
    changes.limits = limits as CampaignDefinition['limits'];
  }
  return changes;
}

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
    status: z
      .enum(campaignStatuses)
      .check(
        z.describe(
          'draft: awards nothing yet; scheduled or active: awards within its startsAt-endsAt window; paused: awards nothing until activated again; ended: awards nothing and cannot change',
        ),
      ),
    version: z
      .int()
      .check(
        z.positive(),
        z.describe(
          'The version of its terms: 1 when created, the next with each edit of an active or paused campaign; awards record it',
        ),
      ),
    definition: campaignDefinitionSchema,
    counterShards: z.optional(
      z
        .int()
        .check(
          z.positive(),
          z.describe(
            'How many counter items its awards are counted on, each its own partition; absent for a campaign created before counters were sharded, which counts on its campaign partition',
          ),
        ),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export type Campaign = z.infer<typeof campaignSchema>;
