import * as z from '../zod';
import { nextCursorSchema, paginationQuerySchema } from '../db/cursor';
import { IDEMPOTENCY_KEY_HEADER } from '../http/idempotency-key';
import { periodFilterShape, periodInOrder } from '../http/time-inputs';
import { defineRoute } from '../http/route';
import { notSignedIn, problemResponse, staffRouteProblems } from '../http/problem';
import { posRouteProblems } from '../pos/route-problems';
import { posSignedHeaders } from '../pos/signed-headers';
import {
  heldVoucherSchema,
  memberRedemptionSchema,
  redemptionResultSchema,
  rewardCategorySchema,
  rewardInputSchema,
  rewardPatchSchema,
  rewardSchema,
  rewardTypeSchema,
  MAX_REWARD_IMAGE_BYTES,
  PICKUP_CODE_LENGTH,
  pickupStateSchema,
  redemptionStatusSchema,
  redemptionSummarySchema,
  REWARD_IMAGE_TYPES,
  UPLOAD_TTL_SECONDS,
  type Reward,
} from './schemas';
import {
  couponRewardExample,
  heldVoucherExample,
  physicalRewardExample,
  pickupExample,
  redemptionSummaryExample,
  voucherRewardExample,
} from './examples';

import { lazySchema } from '../lazy-schema';

const problem = problemResponse;
const rewardParams = lazySchema(() =>
  z.strictObject({ rewardId: z.string().check(z.minLength(1), z.maxLength(64)) }),
);

const publicRewardSchema = lazySchema(() =>
  z.extend(
    z.pick(rewardSchema, {
      id: true,
      name: true,
      description: true,
      type: true,
      category: true,
      imageUrl: true,
      pointsCost: true,
      perCustomerLimit: true,
      validTo: true,
    }),
    {
      inStock: z.boolean().check(z.describe('false: none left for now; listed so members see it')),
    },
  ),
);

export const listRewardsRoute = defineRoute({
  method: 'GET',
  path: '/v1/rewards',
  auth: { kind: 'customer' },
  tag: 'rewards',
  summary: 'Rewards a member can redeem now',
  responses: {
    200: {
      description: 'Rewards',
      schema: lazySchema(() => z.object({ items: z.array(publicRewardSchema) })),
      example: {
        items: [voucherRewardExample, couponRewardExample, physicalRewardExample].map((reward: Reward) => ({
          id: reward.id,
          name: reward.name,
          description: reward.description,
          type: reward.type,
          category: reward.category,
          imageUrl: reward.imageUrl,
          pointsCost: reward.pointsCost,
          perCustomerLimit: reward.perCustomerLimit,
          validTo: reward.validTo,
          inStock: true,
        })),
      },
    },
    401: notSignedIn,
  },
});

export const listMyVouchersRoute = defineRoute({
  method: 'GET',
  path: '/v1/rewards/me/vouchers',
  auth: { kind: 'customer' },
  tag: 'rewards',
  summary: "The member's coupon and voucher codes (redeemed or given by campaigns), newest first",
  responses: {
    200: {
      description: 'Codes',
      schema: lazySchema(() => z.object({ items: z.array(heldVoucherSchema) })),
      example: {
        items: [
          heldVoucherExample,
          {
            code: 'K7QX2M9RTB4W',
            rewardId: couponRewardExample.id,
            rewardName: couponRewardExample.name,
            status: 'redeemed',
            expiresAt: '2026-12-14T03:27:50.911Z',
            campaignId: '01JDD1F3H5K7M9P1R3T5V7X9Z1',
          },
          {
            code: pickupExample.code,
            rewardId: physicalRewardExample.id,
            rewardName: physicalRewardExample.name,
            status: 'issued',
            expiresAt: pickupExample.expiresAt,
            kind: 'pickup',
          },
        ],
      },
    },
    401: notSignedIn,
  },
});

export const redeemRewardRoute = defineRoute({
  method: 'POST',
  path: '/v1/rewards/{rewardId}/redemptions',
  auth: { kind: 'customer' },
  tag: 'rewards',
  summary: 'Redeem a reward with points; soonest-expiring points are spent first',
  headers: [IDEMPOTENCY_KEY_HEADER],
  params: rewardParams,
  body: lazySchema(() =>
    z.strictObject({
      quantity: z._default(
        z
          .int()
          .check(
            z.gte(1),
            z.lte(10),
            z.describe("Units to redeem, each with a code of its own; within the reward's perCustomerLimit"),
          ),
        1,
      ),
    }),
  ),
  bodyExample: { quantity: 1 },
  responses: {
    201: {
      description: 'Redeemed (a replay of the same Idempotency-Key returns the first result)',
      schema: redemptionResultSchema,
      example: {
        redemptionId: '01JD9V3W5X7Y9Z1A3B5C7D9E1F',
        rewardId: voucherRewardExample.id,
        quantity: 1,
        pointsSpent: 1000,
        balance: 2280,
        voucher: { code: heldVoucherExample.code, expiresAt: heldVoucherExample.expiresAt },
        vouchers: [{ code: heldVoucherExample.code, expiresAt: heldVoucherExample.expiresAt }],
      },
    },
    400: problem('Missing Idempotency-Key or malformed body'),
    401: notSignedIn,
    404: problem('No such reward'),
    409: problem('INSUFFICIENT_POINTS, OUT_OF_STOCK, LIMIT_REACHED or REWARD_UNAVAILABLE'),
    422: problem('IDEMPOTENCY_KEY_REUSED: the key was used with a different request'),
  },
});

export const createRewardRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/rewards',
  auth: { kind: 'staff', permission: 'rewards:write' },
  tag: 'rewards admin',
  summary: 'Add a reward to the catalogue',
  description:
    '`stock` is required for coupons and physical items: a number of units, or `"unlimited"` for a coupon ' +
    '(its codes are generated, so it never runs out). A voucher reward takes no stock: it has as many units ' +
    'as codes imported.',
  body: rewardInputSchema,
  bodyExample: {
    name: couponRewardExample.name,
    description: couponRewardExample.description,
    type: 'coupon',
    category: 'parking',
    pointsCost: 300,
    stock: 'unlimited',
    perCustomerLimit: 4,
    validFrom: '2026-12-01T00:00:00+08:00',
    validTo: '2027-03-01T00:00:00+08:00',
    voucherValidDays: 14,
  },
  responses: {
    201: { description: 'Created', schema: rewardSchema, example: couponRewardExample },
    400: problem('Invalid reward'),
    409: problem('IMAGE_NOT_UPLOADED: imageKey names no uploaded picture'),
    ...staffRouteProblems,
  },
});

export const listAllRewardsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/rewards',
  auth: { kind: 'staff', permission: 'rewards:write' },
  tag: 'rewards admin',
  summary: 'The whole catalogue, retired rewards included, a page at a time (active first)',
  query: lazySchema(() =>
    z.extend(paginationQuerySchema, {
      status: z.optional(z.enum(['active', 'retired']).check(z.describe('Only active, or only retired'))),
      type: z.optional(rewardTypeSchema),
      category: z.optional(rewardCategorySchema),
    }),
  ),
  responses: {
    200: {
      description: 'Rewards',
      schema: lazySchema(() => z.object({ items: z.array(rewardSchema), nextCursor: nextCursorSchema })),
      example: {
        items: [couponRewardExample, voucherRewardExample, physicalRewardExample],
        nextCursor: null,
      },
    },
    400: problem('Bad filter, limit or cursor'),
    ...staffRouteProblems,
  },
});

export const getRewardRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/rewards/{rewardId}',
  auth: { kind: 'staff', permission: 'rewards:write' },
  tag: 'rewards admin',
  summary: 'One reward of the catalogue, to edit it',
  params: rewardParams,
  responses: {
    200: { description: 'The reward', schema: rewardSchema, example: physicalRewardExample },
    404: problem('No such reward'),
    ...staffRouteProblems,
  },
});

export const updateRewardRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/admin/rewards/{rewardId}',
  auth: { kind: 'staff', permission: 'rewards:write' },
  tag: 'rewards admin',
  summary: "Change a reward's terms or restock it (addStock is relative)",
  params: rewardParams,
  body: rewardPatchSchema,
  bodyExample: { pointsCost: 800, addStock: 200 },
  responses: {
    200: {
      description: 'Updated',
      schema: rewardSchema,
      example: { ...voucherRewardExample, pointsCost: 800, stock: 384 },
    },
    404: problem('No such reward'),
    409: problem(
      'REWARD_NOT_EDITABLE: retired, unlimited stock with addStock, or less stock than removed; IMAGE_NOT_UPLOADED',
    ),
    ...staffRouteProblems,
  },
});

export const retireRewardRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/rewards/{rewardId}/retire',
  auth: { kind: 'staff', permission: 'rewards:write' },
  tag: 'rewards admin',
  summary: 'Retire a reward; redemptions already made stand',
  params: rewardParams,
  responses: {
    200: {
      description: 'Retired',
      schema: rewardSchema,
      example: { ...couponRewardExample, status: 'retired', redeemed: 412 },
    },
    404: problem('No such reward'),
    ...staffRouteProblems,
  },
});

export const importVoucherCodesRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/rewards/{rewardId}/voucher-codes',
  auth: { kind: 'staff', permission: 'rewards:write' },
  tag: 'rewards admin',
  summary: "Import codes into a voucher reward's pool; each new code adds one to its stock",
  description:
    'The rows of a file as sent, one code each (the console reads the first column of a CSV file in the ' +
    'browser). Good rows are imported; every other row is reported with its row number and why: `blank`, ' +
    '`too_short` (under 4), `too_long` (over 64), `invalid_characters` (letters, digits, _ and - only), ' +
    '`duplicate_in_file`, or `already_imported` (in the pool, or handed out already). Re-importing a file is harmless.',
  params: rewardParams,
  body: lazySchema(() =>
    z.strictObject({
      codes: z
        .array(z.string().check(z.maxLength(256)))
        .check(
          z.minLength(1),
          z.maxLength(1000),
          z.describe("The file's rows, in order, one code each; surrounding spaces are ignored"),
        ),
      firstRow: z._default(
        z
          .int()
          .check(
            z.gte(1),
            z.lte(1_000_000),
            z.describe("The file's row number of the first code (2 when the file has a header row)"),
          ),
        1,
      ),
    }),
  ),
  bodyExample: { codes: ['MNR30-7KQ2X9', 'MNR30-3HD8W1', 'MNR30-Q5TZ0C', ''], firstRow: 2 },
  maxBodyBytes: 256 * 1024,
  responses: {
    200: {
      description: 'Imported; the rows that added nothing, and why',
      schema: lazySchema(() =>
        z.object({
          imported: z.int().check(z.describe('Codes added to the pool, and to the stock')),
          skipped: z.int().check(z.describe('Rows that added nothing: as many as errors')),
          errors: z
            .array(
              z.object({
                row: z.int().check(z.describe("The file's row number")),
                code: z.string().check(z.describe('The row as read, trimmed (cut at 80 characters)')),
                reason: z
                  .enum([
                    'blank',
                    'too_short',
                    'too_long',
                    'invalid_characters',
                    'duplicate_in_file',
                    'already_imported',
                  ])
                  .check(z.describe('Why the row added nothing')),
              }),
            )
            .check(z.describe('Every row that added nothing, in file order')),
        }),
      ),
      example: {
        imported: 2,
        skipped: 2,
        errors: [
          { row: 4, code: 'MNR30-Q5TZ0C', reason: 'already_imported' },
          { row: 5, code: '', reason: 'blank' },
        ],
      },
    },
    404: problem('No such reward'),
    409: problem('NOT_A_VOUCHER_REWARD'),
    ...staffRouteProblems,
  },
});

export const createRewardImageUploadRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/reward-images',
  auth: { kind: 'staff', permission: 'rewards:write' },
  tag: 'rewards admin',
  summary: "A presigned form to upload a reward's picture (JPEG, PNG or WebP)",
  description:
    'Post the file to `upload.url` as multipart/form-data: every field of `upload.fields`, then the file as ' +
    `\`file\`. The storage refuses another content type, a file over \`size\` bytes, or an upload after ${UPLOAD_TTL_SECONDS / 60} ` +
    'minutes. Then give `imageKey` to a reward (create or PATCH): it is accepted once the picture is there.',
  body: lazySchema(() =>
    z.strictObject({
      contentType: z
        .enum(Object.keys(REWARD_IMAGE_TYPES) as [keyof typeof REWARD_IMAGE_TYPES])
        .check(z.describe("The picture's type")),
      size: z
        .int()
        .check(
          z.gte(1),
          z.lte(MAX_REWARD_IMAGE_BYTES),
          z.describe(`The file's size in bytes, at most ${MAX_REWARD_IMAGE_BYTES} (2 MiB)`),
        ),
    }),
  ),
  bodyExample: { contentType: 'image/jpeg', size: 184_320 },
  responses: {
    201: {
      description: 'The upload form',
      schema: lazySchema(() =>
        z.object({
          imageKey: z.string().check(z.describe('What the reward names once the picture is uploaded')),
          upload: z
            .object({
              url: z.string().check(z.describe('Where to POST the form')),
              fields: z
                .record(z.string(), z.string())
                .check(z.describe('Form fields to send as they are, before the file')),
            })
            .check(z.describe('A multipart/form-data POST: the fields, then the file as `file`')),
          expiresAt: z.iso.datetime().check(z.describe('The form is refused after this moment')),
          maxBytes: z.int().check(z.describe('The largest file the form takes')),
        }),
      ),
      example: {
        imageKey: 'reward-images/01JDF2H4K6M8P0R2T4V6X8Z0B2.jpg',
        upload: {
          url: 'https://sbm-crm-prod-media.s3.cn-north-1.amazonaws.com.cn/',
          fields: {
            'Content-Type': 'image/jpeg',
            bucket: 'sbm-crm-prod-media',
            'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
            'X-Amz-Credential': 'ASIA.../20261206/cn-north-1/s3/aws4_request',
            'X-Amz-Date': '20261206T081500Z',
            key: 'reward-images/01JDF2H4K6M8P0R2T4V6X8Z0B2.jpg',
            Policy: 'eyJleHBpcmF0aW9uIjoi...',
            'X-Amz-Signature': '5f2c...',
          },
        },
        expiresAt: '2026-12-06T08:20:00.000Z',
        maxBytes: 184_320,
      },
    },
    400: problem('A type other than JPEG, PNG or WebP, or a size over the limit'),
    ...staffRouteProblems,
  },
});

export const listRedemptionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/redemptions',
  auth: { kind: 'staff', permission: 'redemptions:read' },
  tag: 'rewards admin',
  summary: 'Redemptions newest first, by reward, member, state and date',
  description:
    "Read by key, never by scan: one member's redemptions (`customerId`), one reward's (`rewardId`), or " +
    'all, between `from` and `to`. `status` filters within that range, so a page may hold fewer than `limit` ' +
    'items while `nextCursor` goes on.',
  query: lazySchema(() =>
    z
      .extend(paginationQuerySchema, {
        rewardId: z.optional(
          z.string().check(z.minLength(1), z.maxLength(64), z.describe('Only this reward')),
        ),
        customerId: z.optional(
          z.string().check(z.minLength(1), z.maxLength(64), z.describe('Only this member')),
        ),
        status: z.optional(redemptionStatusSchema),
        ...periodFilterShape(),
      })
      .check(periodInOrder()),
  ),
  responses: {
    200: {
      description: 'One page',
      schema: lazySchema(() =>
        z.object({ items: z.array(redemptionSummarySchema), nextCursor: nextCursorSchema }),
      ),
      example: { items: [redemptionSummaryExample], nextCursor: null },
    },
    400: problem('Bad filter, limit or cursor'),
    ...staffRouteProblems,
  },
});

const pickupParams = lazySchema(() =>
  z.strictObject({
    code: z
      .string()
      .check(
        z.minLength(PICKUP_CODE_LENGTH),
        z.maxLength(PICKUP_CODE_LENGTH + 8),
        z.regex(/^[A-Za-z0-9 -]+$/, 'must be a pickup code'),
        z.describe('The pickup code the member shows; spaces and hyphens are ignored, case too'),
      ),
  }),
);

export const lookUpPickupRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/pickups/{code}',
  auth: { kind: 'staff', permission: 'pickups:collect' },
  tag: 'rewards admin',
  summary: 'What a pickup code hands over, and to whom (masked), before collecting it',
  params: pickupParams,
  responses: {
    200: {
      description: 'The pickup',
      schema: lazySchema(() =>
        z.object({
          code: z.string(),
          state: pickupStateSchema,
          redemptionId: z.string(),
          rewardId: z.string(),
          rewardName: z.string(),
          imageUrl: z.optional(z.string().check(z.describe("The reward's picture"))),
          quantity: z.int().check(z.describe('Units to hand over')),
          storeId: z.optional(z.string().check(z.describe('The store whose desk hands it over'))),
          member: z
            .object({
              customerId: z.string(),
              name: z.optional(z.string().check(z.describe('Masked: the first character only'))),
              phone: z.optional(z.string().check(z.describe('Masked: the first three and last four digits'))),
            })
            .check(z.describe('Who redeemed it, masked whatever the permissions: ask, do not read out')),
          expiresAt: z.string().check(z.describe('Not collected by then, the points go back')),
          collectedAt: z.optional(z.string().check(z.describe('When the desk handed it over'))),
        }),
      ),
      example: pickupExample,
    },
    400: problem('Not a pickup code'),
    404: problem('PICKUP_NOT_FOUND'),
    ...staffRouteProblems,
  },
});

export const collectPickupRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/pickups/{code}/collect',
  auth: { kind: 'staff', permission: 'pickups:collect' },
  tag: 'rewards admin',
  summary: 'Mark a physical reward collected at the service desk, once',
  description:
    'Refused with 403 where the reward is handed out by a store the staff member does not manage. Of two desks collecting the same code at once, exactly one succeeds; the other answers 409 ' +
    '`PICKUP_ALREADY_COLLECTED`. A collected redemption can no longer be cancelled.',
  params: pickupParams,
  responses: {
    200: {
      description: 'Collected: hand the item over',
      schema: lazySchema(() =>
        z.object({
          code: z.string(),
          state: z.literal('collected'),
          redemptionId: z.string(),
          rewardId: z.string(),
          rewardName: z.string(),
          quantity: z.int(),
          customerId: z.string(),
          collectedAt: z.iso.datetime().check(z.describe('When the desk handed it over')),
        }),
      ),
      example: {
        code: pickupExample.code,
        state: 'collected',
        redemptionId: pickupExample.redemptionId,
        rewardId: pickupExample.rewardId,
        rewardName: pickupExample.rewardName,
        quantity: 1,
        customerId: pickupExample.member.customerId,
        collectedAt: '2026-12-06T06:41:09.310Z',
      },
    },
    400: problem('Not a pickup code'),
    404: problem('PICKUP_NOT_FOUND'),
    409: problem('PICKUP_ALREADY_COLLECTED, PICKUP_CANCELLED or PICKUP_EXPIRED'),
    ...staffRouteProblems,
  },
});

export const cancelRedemptionRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/redemptions/{redemptionId}/cancel',
  auth: { kind: 'staff', permission: 'redemptions:cancel' },
  tag: 'rewards admin',
  summary: 'Cancel a redemption; its points return with their original expiry',
  params: lazySchema(() =>
    z.strictObject({ redemptionId: z.string().check(z.minLength(1), z.maxLength(64)) }),
  ),
  body: lazySchema(() =>
    z.strictObject({
      reason: z
        .string()
        .check(
          z.trim(),
          z.minLength(1),
          z.maxLength(200),
          z.describe('Why, kept with the redemption and audited'),
        ),
    }),
  ),
  bodyExample: { reason: 'Member redeemed the wrong voucher; code not used' },
  responses: {
    200: {
      description: 'Cancelled',
      schema: lazySchema(() =>
        z.object({
          redemptionId: z.string(),
          status: z.literal('cancelled'),
          pointsReturned: z
            .int()
            .check(z.describe('Points given back to the member, with their original expiry')),
        }),
      ),
      example: { redemptionId: '01JD9V3W5X7Y9Z1A3B5C7D9E1F', status: 'cancelled', pointsReturned: 1000 },
    },
    404: problem('No such redemption'),
    409: problem('VOUCHER_USED, or REDEMPTION_COLLECTED: the item was handed over'),
    ...staffRouteProblems,
  },
});

export const listMemberRedemptionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/customers/{customerId}/vouchers',
  auth: { kind: 'staff', permission: 'customers:read' },
  tag: 'rewards admin',
  summary:
    "A member's redemptions and campaign gifts, newest first, with the state of their codes (masked); each read is audited",
  params: lazySchema(() => z.strictObject({ customerId: z.string().check(z.minLength(1), z.maxLength(64)) })),
  query: paginationQuerySchema,
  responses: {
    200: {
      description: 'One page',
      schema: lazySchema(() =>
        z.object({ items: z.array(memberRedemptionSchema), nextCursor: nextCursorSchema }),
      ),
      example: {
        items: [
          {
            redemptionId: '01JD9V3W5X7Y9Z1A3B5C7D9E1F',
            rewardId: voucherRewardExample.id,
            rewardName: voucherRewardExample.name,
            quantity: 1,
            pointsSpent: 1000,
            status: 'issued',
            redeemedAt: '2026-11-20T11:05:31.208Z',
            vouchers: [{ maskedCode: '********X9', status: 'issued', expiresAt: '2026-12-20T11:05:31.208Z' }],
          },
        ],
        nextCursor: null,
      },
    },
    400: problem('Bad limit or cursor'),
    ...staffRouteProblems,
  },
});

export const redeemVoucherAtTillRoute = defineRoute({
  method: 'POST',
  path: '/v1/pos/vouchers/redeem',
  auth: { kind: 'pos' },
  tag: 'pos',
  summary: 'Accept a voucher or coupon code at the till, once',
  headers: posSignedHeaders,
  body: lazySchema(() =>
    z.strictObject({
      code: z
        .string()
        .check(z.trim(), z.minLength(4), z.maxLength(64), z.describe('The code the member shows')),
      storeId: z
        .string()
        .check(
          z.minLength(1),
          z.maxLength(40),
          z.describe("The store accepting the code; the POS key's own"),
        ),
    }),
  ),
  bodyExample: { code: 'MNR30-7KQ2X9', storeId: 'plaza-b1-017' },
  responses: {
    200: {
      description: 'Accepted',
      schema: lazySchema(() =>
        z.object({
          code: z.string(),
          rewardId: z.string(),
          rewardName: z.string(),
          status: z.literal('redeemed'),
        }),
      ),
      example: {
        code: heldVoucherExample.code,
        rewardId: voucherRewardExample.id,
        rewardName: voucherRewardExample.name,
        status: 'redeemed',
      },
    },
    ...posRouteProblems,
    403: problem("The key does not belong to the body's store"),
    404: problem('Unknown code'),
    409: problem('VOUCHER_ALREADY_USED, VOUCHER_CANCELLED or VOUCHER_EXPIRED'),
  },
});
