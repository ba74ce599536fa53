import * as z from '../zod';
import { nextCursorSchema, paginationQuerySchema } from '../db/cursor';
import { IDEMPOTENCY_KEY_HEADER } from '../http/idempotency-key';
import { defineRoute } from '../http/route';
import { problemResponse, staffRouteProblems } from '../http/problem';
import { posTransactionSchema, purchaseLineSchema } from '../pos/messages';
import { storeIdSchema } from '../pos/schemas';
import { adjustmentReasonSchema, adjustmentResultSchema } from './adjustment-schemas';
import { earningRulesInputSchema, earningRulesSchema } from './earning';
import { ledgerPageQuerySchema, ledgerPageSchema } from './routes';
import { tierLadderSchema } from './tier-ladder-schema';
import { tierCodeSchema } from './tiers';
import { posTransactionExample } from '../pos/examples';
import { earningRulesExample, ledgerEntryExamples, tierLadderExample } from './examples';
import { lazySchema } from '../lazy-schema';
import { momentSchema } from '../http/time-inputs';

const problem = problemResponse;

export const listCustomerLedgerRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/customers/{customerId}/ledger',
  auth: { kind: 'staff', permission: 'loyalty:read' },
  tag: 'loyalty admin',
  summary: "A member's points ledger, newest first, optionally of one type",
  params: lazySchema(() => z.strictObject({ customerId: z.string().check(z.minLength(1), z.maxLength(64)) })),
  query: ledgerPageQuerySchema,
  responses: {
    200: {
      description: 'One page',
      schema: ledgerPageSchema,
      example: { items: ledgerEntryExamples, nextCursor: null },
    },
    400: problem('Bad type, limit or cursor'),
    ...staffRouteProblems,
  },
});

export const listUnmatchedPurchasesRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/pos/unmatched',
  auth: { kind: 'staff', permission: 'pos:operate' },
  tag: 'loyalty admin',
  summary: 'Sales kept because their member could not be identified, oldest first',
  description:
    'A sale is kept unmatched when its member code was unknown or had expired (`UNKNOWN_MEMBER_CODE`) or ' +
    'when no member of its customerId ever registered (`UNKNOWN_CUSTOMER`). Staff assign it to a member, ' +
    'and the points follow.',
  query: paginationQuerySchema,
  responses: {
    200: {
      description: 'One page',
      schema: lazySchema(() =>
        z.object({
          items: z.array(
            z.object({
              transaction: posTransactionSchema,
              receivedAt: z.string().check(z.describe('When the sale reached us')),
              reason: z
                .enum(['UNKNOWN_MEMBER_CODE', 'UNKNOWN_CUSTOMER'])
                .check(
                  z.describe(
                    'UNKNOWN_MEMBER_CODE: its member code was unknown or had expired; UNKNOWN_CUSTOMER: no member of its customerId ever registered',
                  ),
                ),
              refundedAmount: z.int().check(z.describe('Fen refunded of the sale while it waited')),
            }),
          ),
          nextCursor: nextCursorSchema,
        }),
      ),
      example: {
        items: [
          {
            transaction: {
              ...posTransactionExample,
              occurredAt: '2026-11-11T06:32:05.000Z',
              customer: { memberCode: '483920571364' },
            },
            receivedAt: '2026-11-11T06:32:06.841Z',
            reason: 'UNKNOWN_MEMBER_CODE',
            refundedAmount: 0,
          },
        ],
        nextCursor: null,
      },
    },
    ...staffRouteProblems,
  },
});

export const assignUnmatchedPurchaseRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/pos/unmatched/{storeId}/{transactionId}/assign',
  auth: { kind: 'staff', permission: 'pos:operate' },
  tag: 'loyalty admin',
  summary: 'Assign an unmatched sale to a member; the points follow',
  params: lazySchema(() =>
    z.strictObject({
      storeId: storeIdSchema,
      transactionId: z
        .string()
        .check(z.minLength(1), z.maxLength(64), z.describe("The sale's id from its till")),
    }),
  ),
  body: lazySchema(() =>
    z.strictObject({
      customerId: z
        .string()
        .check(z.minLength(1), z.maxLength(64), z.describe('The member the sale was theirs')),
    }),
  ),
  bodyExample: { customerId: '01JD3Q8Z6W4K9T2M5N7P1R3S5V' },
  responses: {
    200: {
      description: 'Credited',
      schema: lazySchema(() =>
        z.object({
          outcome: z
            .enum(['credited', 'already-credited'])
            .check(
              z.describe(
                'credited: the points were credited now; already-credited: an earlier assignment did so',
              ),
            ),
        }),
      ),
      example: { outcome: 'credited' },
    },
    404: problem('No such unmatched sale, or no such member'),
    ...staffRouteProblems,
  },
});

const EFFECTIVE_FROM =
  'When the version comes into force: a sale earns under the version with the latest effectiveFrom at or before its time (the higher version on a tie)';

export const rulesVersionSchema = lazySchema(() =>
  z.object({
    version: z.int().check(z.describe('Numbered from 1 as saved; 0 is the built-in default')),
    effectiveFrom: z.iso.datetime().check(z.describe(EFFECTIVE_FROM)),
    rules: earningRulesSchema,
    createdBy: z.string().check(z.describe('The id of the staff member who saved it; system for version 0')),
    createdAt: z.string(),
  }),
);

/** A version of the earning rules as staff saved it, in OpenAPI's examples. */
const rulesVersionExample = {
  version: 3,
  effectiveFrom: '2026-11-30T16:00:00.000Z',
  rules: earningRulesExample,
  createdBy: '01JC8S4T2V6W0X3Y7Z1A5B9C2D',
  createdAt: '2026-11-26T09:41:17.350Z',
} satisfies z.output<typeof rulesVersionSchema>;

export const listEarningRulesRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/loyalty/earning-rules',
  auth: { kind: 'staff', permission: 'loyalty:configure' },
  tag: 'loyalty admin',
  summary: 'Every version of the earning rules (version 0 is the built-in default)',
  responses: {
    200: {
      description: 'Versions',
      schema: lazySchema(() => z.object({ items: z.array(rulesVersionSchema) })),
      example: { items: [rulesVersionExample] },
    },
    ...staffRouteProblems,
  },
});

export const saveEarningRulesRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/loyalty/earning-rules',
  auth: { kind: 'staff', permission: 'loyalty:configure' },
  tag: 'loyalty admin',
  summary:
    'Save a new version of the earning rules, in force from effectiveFrom; without expiry it keeps the expiry in force then',
  body: lazySchema(() =>
    z.strictObject({
      effectiveFrom: momentSchema.check(z.describe(EFFECTIVE_FROM)),
      rules: earningRulesInputSchema.check(
        z.describe('The rules of the new version: the terms of EarningRules, expiry optional'),
      ),
    }),
  ),
  bodyExample: { effectiveFrom: '2026-12-01T00:00:00+08:00', rules: earningRulesExample },
  responses: {
    201: { description: 'Saved', schema: rulesVersionSchema, example: rulesVersionExample },
    400: problem('Invalid rules'),
    409: problem('RULES_CHANGED'),
    ...staffRouteProblems,
  },
});

export const adjustPointsRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/loyalty/adjustments',
  auth: { kind: 'staff', permission: 'loyalty:adjust' },
  tag: 'loyalty admin',
  summary: "Add or remove a member's points with a reason; audited",
  headers: [IDEMPOTENCY_KEY_HEADER],
  body: lazySchema(() =>
    z.strictObject({
      customerId: z.string().check(z.minLength(1), z.maxLength(64)),
      points: z.int().check(
        z.gte(-1_000_000),
        z.lte(1_000_000),
        z.refine((points) => points !== 0, 'must not be 0'),
        z.describe(
          'Points to add (spendable at once, expiring as points earned now) or, when negative, to remove (the soonest-expiring first; more than the spendable balance is a 409 INSUFFICIENT_POINTS)',
        ),
      ),
      reasonCode: adjustmentReasonSchema,
      note: z
        .string()
        .check(
          z.trim(),
          z.minLength(1),
          z.maxLength(500),
          z.describe('Why, in words, kept in the audit trail'),
        ),
    }),
  ),
  bodyExample: {
    customerId: '01JD3Q8Z6W4K9T2M5N7P1R3S5V',
    points: 500,
    reasonCode: 'service-recovery',
    note: 'Parking ticket refund, case 8812',
  },
  responses: {
    201: {
      description: 'Adjusted (a replay returns the first result)',
      schema: adjustmentResultSchema,
      example: {
        adjustmentId: '01JDE3G5J7K9M1N3P5Q7R9S1T3',
        customerId: '01JD3Q8Z6W4K9T2M5N7P1R3S5V',
        points: 500,
        balance: 3780,
      },
    },
    400: problem('Missing Idempotency-Key or invalid body'),
    404: problem('No such points account'),
    409: problem('INSUFFICIENT_POINTS'),
    422: problem('IDEMPOTENCY_KEY_REUSED'),
    ...staffRouteProblems,
  },
});

export const getTierLadderRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/loyalty/tiers',
  auth: { kind: 'staff', permission: 'loyalty:configure' },
  tag: 'loyalty admin',
  summary:
    'The tier ladder: names, rolling 12-month thresholds and benefits (multipliers live in the earning rules)',
  responses: {
    200: {
      description: 'Ladder',
      schema: lazySchema(() => z.object({ tiers: tierLadderSchema })),
      example: { tiers: tierLadderExample },
    },
    ...staffRouteProblems,
  },
});

export const saveTierLadderRoute = defineRoute({
  method: 'PUT',
  path: '/v1/admin/loyalty/tiers',
  auth: { kind: 'staff', permission: 'loyalty:configure' },
  tag: 'loyalty admin',
  summary: 'Replace the tier ladder',
  description:
    '2 to 10 tiers, lowest first: each a `code` staff choose (lower-case letters, digits and dashes), a ' +
    'name, a threshold of rolling 12-month qualifying points (0 for the first, where new members start, ' +
    'then rising) and benefits. Earning rules and campaigns name tiers by these codes.',
  body: lazySchema(() => z.strictObject({ tiers: tierLadderSchema })),
  bodyExample: { tiers: tierLadderExample },
  responses: {
    200: {
      description: 'Saved',
      schema: lazySchema(() => z.object({ tiers: tierLadderSchema })),
      example: { tiers: tierLadderExample },
    },
    400: problem('Invalid ladder'),
    ...staffRouteProblems,
  },
});

export const previewEarningRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/loyalty/earn-preview',
  auth: { kind: 'staff', permission: 'loyalty:configure' },
  tag: 'loyalty admin',
  summary:
    'What a sample purchase would earn under the earning rules in force at its moment; nothing is written',
  description:
    'Reckoned by the same earning function a real credit uses, with the version in force at `occurredAt` ' +
    '(a future moment previews a scheduled version). Base points only: campaign bonuses are previewed by ' +
    "each campaign's dry run.",
  body: lazySchema(() =>
    z.strictObject({
      tier: tierCodeSchema.check(z.describe('The tier of the member, a code of the saved ladder')),
      storeId: storeIdSchema,
      amount: z
        .int()
        .check(z.gte(0), z.lte(100_000_000), z.describe('What the member paid, in fen, after discounts')),
      occurredAt: momentSchema.check(
        z.describe('When the sale happens, with Z or an offset: the rules in force then apply'),
      ),
      items: z._default(
        z
          .array(purchaseLineSchema)
          .check(
            z.maxLength(100),
            z.describe("The sale's lines; without lines the whole amount is eligible at category weight 1"),
          ),
        [],
      ),
    }),
  ),
  bodyExample: {
    tier: 'gold',
    storeId: 'plaza-b1-017',
    amount: 12800,
    occurredAt: '2026-12-01T14:30:00+08:00',
    items: [{ sku: 'SKU-1001', category: 'apparel', quantity: 1, unitPrice: 12800 }],
  },
  responses: {
    200: {
      description: 'The points the sample would earn, and the terms that applied',
      schema: lazySchema(() =>
        z.object({
          points: z.int().check(z.describe('Base points the sale would earn, rounded down once')),
          version: z.int().check(z.describe('The earning rules version in force at occurredAt')),
          effectiveFrom: z.iso.datetime().check(z.describe('When that version came into force')),
          tierMultiplier: z.number().check(z.describe("The tier's multiplier under that version")),
          storeMultiplier: z.number().check(z.describe("The store's multiplier under that version")),
          fenPerPoint: z.int().check(z.describe('Fen of eligible spend per base point')),
          minimumSpend: z.int().check(z.describe('Eligible spend below this, in fen, earns nothing')),
          excludedLines: z
            .int()
            .check(z.describe('Lines whose SKU or category that version excludes; they earn nothing')),
          lockDays: z.int().check(z.describe('Days the points would stay pending before they can be spent')),
        }),
      ),
      example: {
        points: 192,
        version: 3,
        effectiveFrom: '2026-11-30T16:00:00.000Z',
        tierMultiplier: 1.5,
        storeMultiplier: 1,
        fenPerPoint: 100,
        minimumSpend: 0,
        excludedLines: 0,
        lockDays: 0,
      },
    },
    400: problem('Invalid sample, or a tier the ladder does not have'),
    ...staffRouteProblems,
  },
});
