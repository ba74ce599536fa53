import * as z from '../zod';
import { notSignedIn, problemResponse, staffRouteProblems } from '../http/problem';
import { defineRoute } from '../http/route';
import { campaignDefinitionSchema } from './model';
import {
  campaignUpdateSchema,
  dryRunRequestSchema,
  dryRunResultSchema,
  memberCampaignSchema,
  staffCampaignSchema,
} from './views';
import { lazySchema } from '../lazy-schema';
import { momentSchema } from '../http/time-inputs';

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
  responses: {
    201: { description: 'Created', schema: staffCampaignSchema },
    400: problem('Invalid campaign'),
    ...staffRouteProblems,
  },
});

export const listCampaignsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/campaigns',
  auth: { kind: 'staff', permission: 'campaigns:read' },
  tag: 'campaigns admin',
  summary: 'Every campaign with its results',
  responses: {
    200: {
      description: 'Campaigns',
      schema: lazySchema(() => z.object({ items: z.array(staffCampaignSchema) })),
    },
    ...staffRouteProblems,
  },
});

export const getCampaignRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/campaigns/{campaignId}',
  auth: { kind: 'staff', permission: 'campaigns:read' },
  tag: 'campaigns admin',
  summary: 'A campaign and its results: participants, points awarded and reversed, participant revenue',
  params: campaignParams,
  responses: {
    200: { description: 'Campaign', schema: staffCampaignSchema },
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
    '`VERSION_CONFLICT`. A status change made meanwhile (a pause) stands; the edit is made on top of it.',
  params: campaignParams,
  body: campaignUpdateSchema,
  responses: {
    200: { description: 'Campaign', schema: staffCampaignSchema },
    400: problem('Invalid campaign'),
    404: problem('No such campaign'),
    409: problem('VERSION_CONFLICT or CAMPAIGN_ENDED'),
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
  body: lazySchema(() => z.strictObject({ action: z.enum(['schedule', 'activate', 'pause', 'end']) })),
  responses: {
    200: { description: 'Campaign', schema: staffCampaignSchema },
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
    'Evaluate a campaign against a sample purchase (for a member, if given): its status, window, conditions, budget, places, opt-in and per-member count, each explained; nothing is awarded',
  params: campaignParams,
  body: dryRunRequestSchema,
  responses: {
    200: { description: 'What the campaign would do', schema: dryRunResultSchema },
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
    200: { description: 'Joined (or already joined)', schema: memberCampaignSchema },
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
        ),
      /** The caller's id for this occurrence: the same key records the event once. */
      eventKey: z.optional(
        z.string().check(z.trim(), z.regex(/^[\w.:-]{1,64}$/, 'must be 1 to 64 letters, digits and . _ : -')),
      ),
      occurredAt: z.optional(momentSchema),
    }),
  ),
  responses: {
    202: {
      description: 'Recorded',
      schema: lazySchema(() => z.object({ name: z.string(), eventKey: z.string(), occurredAt: z.string() })),
    },
    404: problem('No such member'),
    ...staffRouteProblems,
  },
});
