import * as z from '../zod';
import { IDEMPOTENCY_KEY_HEADER } from '../http/idempotency-key';
import { defineRoute } from '../http/route';
import { notSignedIn, problemResponse, staffRouteProblems } from '../http/problem';
import { posRouteProblems } from '../pos/route-problems';
import { posSignedHeaders } from '../pos/signed-headers';
import {
  heldVoucherSchema,
  memberRedemptionSchema,
  redemptionResultSchema,
  rewardInputSchema,
  rewardPatchSchema,
  rewardSchema,
} from './schemas';
import { couponRewardExample, heldVoucherExample, voucherRewardExample } from './examples';
import { lazySchema } from '../lazy-schema';
import { nextCursorSchema, paginationQuerySchema } from '../db/cursor';

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
        items: [voucherRewardExample, couponRewardExample].map(
          ({ id, name, description, type, pointsCost, perCustomerLimit, validTo }) => ({
            id,
            name,
            description,
            type,
            pointsCost,
            perCustomerLimit,
            validTo,
            inStock: true,
          }),
        ),
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
    ...staffRouteProblems,
  },
});

export const listAllRewardsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/rewards',
  auth: { kind: 'staff', permission: 'rewards:write' },
  tag: 'rewards admin',
  summary: 'The whole catalogue, retired rewards included',
  responses: {
    200: {
      description: 'Rewards',
      schema: lazySchema(() => z.object({ items: z.array(rewardSchema) })),
      example: { items: [couponRewardExample, voucherRewardExample] },
    },
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
    409: problem('REWARD_NOT_EDITABLE: retired, unlimited stock with addStock, or less stock than removed'),
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
  params: rewardParams,
  body: lazySchema(() =>
    z.strictObject({
      codes: z
        .array(
          z
            .string()
            .check(
              z.trim(),
              z.minLength(4),
              z.maxLength(64),
              z.regex(/^[\w-]+$/, 'must be letters, digits, _ and -'),
            ),
        )
        .check(
          z.minLength(1),
          z.maxLength(1000),
          z.describe("The brand's codes, each one unit of stock; a code already in the pool is skipped"),
        ),
    }),
  ),
  bodyExample: { codes: ['MNR30-7KQ2X9', 'MNR30-3HD8W1', 'MNR30-Q5TZ0C'] },
  maxBodyBytes: 128 * 1024,
  responses: {
    200: {
      description: 'Imported',
      schema: lazySchema(() =>
        z.object({
          imported: z.int().check(z.describe('Codes added to the pool, and to the stock')),
          skipped: z.int().check(z.describe('Codes the pool held already')),
        }),
      ),
      example: { imported: 2, skipped: 1 },
    },
    404: problem('No such reward'),
    409: problem('NOT_A_VOUCHER_REWARD'),
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
    409: problem('VOUCHER_USED'),
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
