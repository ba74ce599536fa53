import { defineRoute } from '../http/route';
import { notSignedIn, problemResponse } from '../http/problem';
import * as z from '../zod';
import { nextCursorSchema, paginationQuerySchema } from '../db/cursor';
import { ledgerEntrySchema, ledgerEntryTypes } from './ledger-schema';
import { ledgerEntryExamples, pointsAccountSummaryExample } from './examples';
import { pointsAccountSummarySchema } from './views';
import { lazySchema } from '../lazy-schema';

export const getMyPointsAccountRoute = defineRoute({
  method: 'GET',
  path: '/v1/loyalty/me',
  auth: { kind: 'customer' },
  tag: 'loyalty',
  summary: "The signed-in member's points balance and tier",
  responses: {
    200: {
      description: 'Points account',
      schema: pointsAccountSummarySchema,
      example: pointsAccountSummaryExample,
    },
    401: notSignedIn,
    404: problemResponse('POINTS_ACCOUNT_NOT_OPEN: registration is still being processed'),
  },
});

/** A page of a member's ledger, as the member and staff ask for it. */
export const ledgerPageQuerySchema = lazySchema(() =>
  z.extend(paginationQuerySchema, {
    type: z.optional(
      z.enum(ledgerEntryTypes).check(z.describe('Only entries of this type (see LedgerEntry.type)')),
    ),
  }),
);
export const ledgerPageSchema = lazySchema(() =>
  z.object({ items: z.array(ledgerEntrySchema), nextCursor: nextCursorSchema }),
);

export const listMyTransactionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/loyalty/me/transactions',
  auth: { kind: 'customer' },
  tag: 'loyalty',
  summary: "The member's points history, newest first, optionally of one type",
  query: ledgerPageQuerySchema,
  responses: {
    200: {
      description: 'One page',
      schema: ledgerPageSchema,
      example: { items: ledgerEntryExamples, nextCursor: 'Xp4Lr8cN1vTq6ZbW3mYd9KsF0hGa2EoJ5uRi7QtBwCzV' },
    },
    400: problemResponse('Bad type, limit or cursor'),
    401: notSignedIn,
  },
});
