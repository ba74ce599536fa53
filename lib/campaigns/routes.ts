import * as z from '../zod';
import { notSignedIn, problemResponse, staffRouteProblems } from '../http/problem';
import { defineRoute } from '../http/route';
import { campaignDefinitionSchema, campaignPatchSchema } from './model';
import {
  audiencePreviewRequestSchema,
  audiencePreviewSchema,
  campaignAwardPageSchema,
  campaignListQuerySchema,
  campaignPageSchema,
  campaignParticipantPageSchema,
  campaignParticipantQuerySchema,
  campaignVersionPageSchema,
  campaignUpdateSchema,
  dryRunRequestSchema,
  dryRunResultSchema,
  memberCampaignSchema,
  memberParticipationSchema,
  staffCampaignSchema,
} from './views';
import { posTransactionExample } from '../pos/examples';
import {
  campaignDefinitionExample,
  campaignExample,
  campaignResultsExample,
  memberCampaignExample,
} from './examples';
import { campaignTransitions } from './store';
import { lazySchema } from '../lazy-schema';
import { momentSchema } from '../http/time-inputs';
import { paginationQuerySchema } from '../db/cursor';

const problem = problemResponse;
const campaignParams = lazySchema(() =>
  z.strictObject({ campaignId: z.string().check(z.minLength(1), z.maxLength(64)) }),
);

export const createCampaignRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/campaigns',
  auth: { kind: 'staff', permission: 'campaigns:write' },
  tag: 'campaigns admin',
  summary: 'Create a campaign (as a draft)',
  body: campaignDefinitionSchema,
  bodyExample: campaignDefinitionExample,
  responses: {
    201: {
      description: 'Created',
      schema: staffCampaignSchema,
      example: { ...campaignExample, status: 'draft', version: 1, updatedAt: campaignExample.createdAt },
    },
    400: problem('Invalid campaign'),
    ...staffRouteProblems,
  },
});

export const listCampaignsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/campaigns',
  auth: { kind: 'staff', permission: 'campaigns:read' },
  tag: 'campaigns admin',
  summary: 'Campaigns with their results, newest first, page by page, filtered by status and trigger',
  description:
    'Newest first (by creation, which no edit changes, so paging never repeats or skips one). Status and ' +
    'trigger filter the list as it is read: a page reads at most 200 campaigns, so a filtered page may hold ' +
    'fewer than `limit` and still give a `nextCursor`; go on until it is null.',
  query: campaignListQuerySchema,
  responses: {
    200: {
      description: 'One page',
      schema: campaignPageSchema,
      example: { items: [{ ...campaignExample, results: campaignResultsExample }], nextCursor: null },
    },
    400: problem('Invalid filter, or INVALID_CURSOR'),
    ...staffRouteProblems,
  },
});

export const getCampaignRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/campaigns/{campaignId}',
  auth: { kind: 'staff', permission: 'campaigns:read' },
  tag: 'campaigns admin',
  summary:
    'A campaign and its results: participants, points awarded and reversed, participant revenue, and its awards day by day',
  params: campaignParams,
  responses: {
    200: {
      description: 'Campaign',
      schema: staffCampaignSchema,
      example: {
        ...campaignExample,
        results: campaignResultsExample,
        daily: [
          { day: '2026-11-11', awards: 1502, pointsAwarded: 171204 },
          { day: '2026-11-12', awards: 116, pointsAwarded: 16000 },
        ],
      },
    },
    404: problem('No such campaign'),
    ...staffRouteProblems,
  },
});

export const updateCampaignRoute = defineRoute({
  method: 'PUT',
  path: '/v1/admin/campaigns/{campaignId}',
  auth: { kind: 'staff', permission: 'campaigns:write' },
  tag: 'campaigns admin',
  summary: 'Edit a campaign; an active or paused one gets a new version, which later awards record',
  description:
    'A partial update: `definition` holds only the terms to change. Each replaces the stored one whole ' +
    '(a trigger, the conditions, the effects or the limits included); every term left out keeps its value, ' +
    'as defaults apply only when a campaign is created. The edited campaign must still hold together (400 ' +
    'naming the field). `version` is the version the edit was made on: another edit since is a 409 ' +
    '`VERSION_CONFLICT`. A status change made meanwhile (a pause) stands; the edit is made on top of it. ' +
    '`holdoutPercent: null` removes the holdout; the holdout can change only before the campaign starts ' +
    '(409 `HOLDOUT_FIXED`), as a control group redrawn mid-flight spoils the comparison.',
  params: campaignParams,
  body: campaignUpdateSchema,
  bodyExample: {
    definition: { limits: { pointsBudget: 300000, perCustomer: { count: 1, per: 'day' } } },
    version: 2,
  },
  responses: {
    200: {
      description: 'Campaign',
      schema: staffCampaignSchema,
      example: {
        ...campaignExample,
        version: 3,
        definition: {
          ...campaignExample.definition,
          limits: { pointsBudget: 300000, perCustomer: { count: 1, per: 'day' } },
        },
        updatedAt: '2026-11-11T04:26:51.630Z',
      },
    },
    400: problem('Invalid campaign'),
    404: problem('No such campaign'),
    409: problem(
      'VERSION_CONFLICT, CAMPAIGN_ENDED, LIMITS_FIXED: a budget or participant cap set or removed after the start, or HOLDOUT_FIXED: the holdout set, changed or removed after the start',
    ),
    ...staffRouteProblems,
  },
});

export const patchCampaignRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/admin/campaigns/{campaignId}',
  auth: { kind: 'staff', permission: 'campaigns:write' },
  tag: 'campaigns admin',
  summary: "A small edit: the campaign's dates or a single limit, without its whole terms",
  description:
    '`startsAt`, `endsAt` and each limit named in `limits` replace their own value alone (a limit sent as ' +
    'null is removed); every other term keeps its value. The edited campaign must still hold together (400 ' +
    'naming the field). `version` is the version the edit was made on: another edit since is a 409 ' +
    '`VERSION_CONFLICT`; a status change made meanwhile (a pause) stands and the edit is made on top of it. ' +
    'An active or paused campaign gets a new version, as with PUT.',
  params: campaignParams,
  body: campaignPatchSchema,
  bodyExample: {
    version: 2,
    endsAt: '2026-11-13T00:00:00+08:00',
    limits: { perCustomer: { count: 2, per: 'day' } },
  },
  responses: {
    200: {
      description: 'Campaign',
      schema: staffCampaignSchema,
      example: {
        ...campaignExample,
        version: 3,
        definition: {
          ...campaignExample.definition,
          endsAt: '2026-11-12T16:00:00.000Z',
          limits: { ...campaignExample.definition.limits, perCustomer: { count: 2, per: 'day' } },
        },
        updatedAt: '2026-11-11T04:26:51.630Z',
      },
    },
    400: problem('Invalid edit'),
    404: problem('No such campaign'),
    409: problem(
      'VERSION_CONFLICT, CAMPAIGN_ENDED, or LIMITS_FIXED: a budget or participant cap set or removed after the start',
    ),
    ...staffRouteProblems,
  },
});

export const deleteCampaignRoute = defineRoute({
  method: 'DELETE',
  path: '/v1/admin/campaigns/{campaignId}',
  auth: { kind: 'staff', permission: 'campaigns:write' },
  tag: 'campaigns admin',
  summary: 'Delete a draft campaign (one past draft can be ended, not deleted)',
  params: campaignParams,
  responses: {
    204: { description: 'Deleted' },
    404: problem('No such campaign'),
    409: problem('CAMPAIGN_NOT_DRAFT: only a draft can be deleted'),
    ...staffRouteProblems,
  },
});

export const listCampaignVersionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/campaigns/{campaignId}/versions',
  auth: { kind: 'staff', permission: 'campaigns:read' },
  tag: 'campaigns admin',
  summary: "The versions of a campaign's terms, newest first: awards record the version they were made under",
  params: campaignParams,
  query: paginationQuerySchema,
  responses: {
    200: {
      description: 'One page',
      schema: campaignVersionPageSchema,
      example: {
        items: [{ version: 2, definition: campaignExample.definition, createdAt: campaignExample.updatedAt }],
        nextCursor: null,
      },
    },
    400: problem('INVALID_CURSOR'),
    404: problem('No such campaign'),
    ...staffRouteProblems,
  },
});

export const listCampaignParticipantsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/campaigns/{campaignId}/participants',
  auth: { kind: 'staff', permission: 'campaigns:read' },
  tag: 'campaigns admin',
  summary:
    "A campaign's participants (members who joined or got an award), or with group=held-out its control group, page by page",
  params: campaignParams,
  query: campaignParticipantQuerySchema,
  responses: {
    200: {
      description: 'One page',
      schema: campaignParticipantPageSchema,
      example: {
        items: [
          {
            customerId: '01JD3Q8Z6W4K9T2M5N7P1R3S5V',
            joinedAt: '2026-11-11T06:32:07.118Z',
            awards: 1,
            pointsAwarded: 230,
          },
        ],
        nextCursor: null,
      },
    },
    400: problem('INVALID_CURSOR'),
    404: problem('No such campaign'),
    ...staffRouteProblems,
  },
});

export const listCampaignAwardsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/campaigns/{campaignId}/awards',
  auth: { kind: 'staff', permission: 'campaigns:read' },
  tag: 'campaigns admin',
  summary: "A campaign's awards, by member and trigger, page by page",
  params: campaignParams,
  query: paginationQuerySchema,
  responses: {
    200: {
      description: 'One page',
      schema: campaignAwardPageSchema,
      example: {
        items: [
          {
            customerId: '01JD3Q8Z6W4K9T2M5N7P1R3S5V',
            trigger: `purchase:${posTransactionExample.storeId}:${posTransactionExample.transactionId}`,
            version: 2,
            bonusPoints: 230,
            bonusReversed: 0,
            storeId: posTransactionExample.storeId,
            saleAmount: posTransactionExample.amount,
            at: '2026-11-11T06:32:07.118Z',
          },
        ],
        nextCursor: null,
      },
    },
    400: problem('INVALID_CURSOR'),
    404: problem('No such campaign'),
    ...staffRouteProblems,
  },
});

export const previewCampaignAudienceRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/campaign-audience',
  auth: { kind: 'staff', permission: 'campaigns:read' },
  tag: 'campaigns admin',
  summary: 'Count, a page of members at a time, whom a blast to a segment would reach now',
  description:
    'Members are not indexed by segment, so a count walks the points accounts: each call looks at one ' +
    'bounded page (up to 1,000 items of the table) and counts its members who accept marketing and are in ' +
    'the segment now, as a blast judges them at delivery. Add the pages up, calling again with `nextCursor` ' +
    'until it is null. Nothing is written.',
  query: lazySchema(() =>
    z.strictObject({
      cursor: z.optional(
        z
          .string()
          .check(z.maxLength(1024), z.describe('The nextCursor of the page before, to count on from there')),
      ),
    }),
  ),
  body: audiencePreviewRequestSchema,
  bodyExample: { segment: { tiers: ['gold', 'platinum'], purchasedWithinDays: 90 } },
  responses: {
    200: {
      description: 'One page of the count',
      schema: audiencePreviewSchema,
      example: { members: 812, consenting: 640, reached: 97, nextCursor: null },
    },
    400: problem('Invalid segment, or INVALID_CURSOR'),
    ...staffRouteProblems,
  },
});

export const changeCampaignStatusRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/campaigns/{campaignId}/status',
  auth: { kind: 'staff', permission: 'campaigns:write' },
  tag: 'campaigns admin',
  summary: 'Move a campaign along its lifecycle: schedule, activate, pause, end',
  params: campaignParams,
  body: lazySchema(() =>
    z.strictObject({
      action: z.enum(['schedule', 'activate', 'pause', 'end']).check(
        z.describe(
          Object.entries(campaignTransitions)
            .map(([action, { from, to }]) => `${action}: ${from.join(', ')} to ${to}`)
            .join('; '),
        ),
      ),
    }),
  ),
  bodyExample: { action: 'pause' },
  responses: {
    200: {
      description: 'Campaign',
      schema: staffCampaignSchema,
      example: { ...campaignExample, status: 'paused', updatedAt: '2026-11-11T09:03:18.902Z' },
    },
    404: problem('No such campaign'),
    409: problem('INVALID_TRANSITION'),
    ...staffRouteProblems,
  },
});

export const dryRunCampaignRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/campaigns/{campaignId}/dry-run',
  auth: { kind: 'staff', permission: 'campaigns:read' },
  tag: 'campaigns admin',
  summary:
    'Evaluate a campaign against a sample purchase or attended booking (for a member, if given): its status, window, conditions, budget, places, opt-in and per-member count, each explained; nothing is awarded',
  params: campaignParams,
  body: dryRunRequestSchema,
  bodyExample: {
    customerId: '01JD3Q8Z6W4K9T2M5N7P1R3S5V',
    purchase: {
      storeId: posTransactionExample.storeId,
      amount: posTransactionExample.amount,
      occurredAt: posTransactionExample.occurredAt,
      items: posTransactionExample.items,
    },
  },
  responses: {
    200: {
      description: 'What the campaign would do',
      schema: dryRunResultSchema,
      example: {
        applies: true,
        bonusPoints: 230,
        basePoints: 230,
        checks: [
          { condition: 'trigger', passed: true, detail: 'reacts to purchase, the sample is a purchase' },
          {
            condition: 'window',
            passed: true,
            detail: '2026-11-11T06:32:05.000Z within [2026-11-10T16:00:00.000Z, 2026-11-11T16:00:00.000Z)',
          },
          { condition: 'stores', passed: true, detail: 'store plaza-b1-017 in [plaza-b1-017]' },
          {
            condition: 'categories',
            passed: true,
            detail: 'categories [coffee, coffee-beans] meet [coffee]',
          },
          { condition: 'minSpend', passed: true, detail: 'spent 12800 fen, at least 3000' },
          { condition: 'status', passed: true, detail: 'active: awards within its window' },
          { condition: 'pointsAccount', passed: true, detail: 'open' },
          {
            condition: 'pointsBudget',
            passed: true,
            detail: '187204 of 200000 points awarded, 230 more asked',
          },
          { condition: 'perCustomer', passed: true, detail: '0 of 1 awards this day' },
        ],
      },
    },
    400: problem('Invalid sample: an unknown tier, a bad amount, time or line'),
    404: problem('No such campaign'),
    ...staffRouteProblems,
  },
});

export const listMyCampaignsRoute = defineRoute({
  method: 'GET',
  path: '/v1/campaigns',
  auth: { kind: 'customer' },
  tag: 'campaigns',
  summary: 'Campaigns running now that members may see, and whether the member joined',
  responses: {
    200: {
      description: 'Campaigns',
      schema: lazySchema(() => z.object({ items: z.array(memberCampaignSchema) })),
      example: { items: [memberCampaignExample] },
    },
    401: notSignedIn,
  },
});

export const joinCampaignRoute = defineRoute({
  method: 'POST',
  path: '/v1/campaigns/{campaignId}/join',
  auth: { kind: 'customer' },
  tag: 'campaigns',
  summary: 'Join an opt-in campaign',
  params: campaignParams,
  responses: {
    200: {
      description: 'Joined (or already joined)',
      schema: memberCampaignSchema,
      example: { ...memberCampaignExample, joined: true },
    },
    401: notSignedIn,
    403: problem(
      'CAMPAIGN_NOT_ELIGIBLE: the member fails a condition about them (each one listed in errors)',
    ),
    404: problem('No such campaign running'),
    409: problem('CAMPAIGN_FULL or NOT_OPT_IN'),
  },
});

export const recordCustomEventRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/customers/{customerId}/events',
  auth: { kind: 'staff', permission: 'campaigns:write' },
  tag: 'campaigns admin',
  summary: 'Record a named event for a member (custom-event campaigns react to it)',
  params: lazySchema(() => z.strictObject({ customerId: z.string().check(z.minLength(1), z.maxLength(64)) })),
  body: lazySchema(() =>
    z.strictObject({
      name: z
        .string()
        .check(
          z.trim(),
          z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes'),
          z.describe('The custom-event campaigns whose trigger has this eventName react to it'),
        ),
      eventKey: z.optional(
        z
          .string()
          .check(
            z.trim(),
            z.regex(/^[\w.:-]{1,64}$/, 'must be 1 to 64 letters, digits and . _ : -'),
            z.describe(
              "The caller's id for this occurrence: the same key records the event once for the member; a new one when left out",
            ),
          ),
      ),
      occurredAt: z.optional(
        momentSchema.check(z.describe('When it happened, with Z or an offset; now when left out')),
      ),
    }),
  ),
  bodyExample: {
    name: 'mall-anniversary-gala',
    eventKey: 'gala-2026-ticket-0815',
    occurredAt: '2026-11-28T19:30:00+08:00',
  },
  responses: {
    202: {
      description: 'Recorded',
      schema: lazySchema(() =>
        z.object({
          name: z.string(),
          eventKey: z.string().check(z.describe('The key given, or the one made')),
          occurredAt: z.string().check(z.describe('When it happened, UTC')),
        }),
      ),
      example: {
        name: 'mall-anniversary-gala',
        eventKey: 'gala-2026-ticket-0815',
        occurredAt: '2026-11-28T11:30:00.000Z',
      },
    },
    404: problem('No such member'),
    ...staffRouteProblems,
  },
});

export const listMemberParticipationRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/customers/{customerId}/campaigns',
  auth: { kind: 'staff', permission: 'customers:read' },
  tag: 'campaigns admin',
  summary:
    'The campaigns a member takes part in (joined or awarded), latest joined first, all at once; each read is audited',
  description:
    'Answered whole, without pages: a member can take part in at most every campaign of the programme.',
  params: lazySchema(() => z.strictObject({ customerId: z.string().check(z.minLength(1), z.maxLength(64)) })),
  responses: {
    200: {
      description: 'Campaigns',
      schema: lazySchema(() => z.object({ items: z.array(memberParticipationSchema) })),
      example: {
        items: [
          {
            campaignId: campaignExample.campaignId,
            name: campaignExample.definition.name,
            status: campaignExample.status,
            startsAt: campaignExample.definition.startsAt,
            endsAt: campaignExample.definition.endsAt,
            joinedAt: '2026-12-02T04:12:09.311Z',
            pointsAwarded: 200,
          },
        ],
      },
    },
    ...staffRouteProblems,
  },
});
