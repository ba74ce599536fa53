import * as z from '../zod';
import { defineRoute } from '../http/route';
import { problemResponse, staffRouteProblems } from '../http/problem';
import { deliveryFailureSchema } from '../queues/failures';
import { posMessageSchema, posRefundSchema, posTransactionSchema } from './messages';
import { posRouteProblems } from './route-problems';
import { posSignedHeaders } from './signed-headers';
import { posKeyIdSchema, storeIdSchema, storeSchema } from './schemas';
import { lazySchema } from '../lazy-schema';

const problem = problemResponse;
const posRejections = {
  400: problem('Malformed body'),
  ...posRouteProblems,
  403: problem("The key does not belong to the body's store"),
};

export const recordPosTransactionRoute = defineRoute({
  method: 'POST',
  path: '/v1/pos/transactions',
  auth: { kind: 'pos' },
  tag: 'pos',
  summary: 'Report a completed sale; points are credited asynchronously, once per (store, transaction)',
  description:
    '`occurredAt` is ISO 8601 with `Z` or an offset (`2026-12-01T10:00:00+08:00`). A sale dated more than ' +
    '5 minutes ahead of our clock has not happened yet: it is refused with 400 `VALIDATION_FAILED` naming ' +
    '`body.occurredAt`, and nothing is recorded.',
  headers: posSignedHeaders,
  body: posTransactionSchema,
  maxBodyBytes: 256 * 1024,
  responses: {
    202: {
      description: 'Accepted',
      schema: lazySchema(() => z.object({ transactionId: z.string(), status: z.literal('accepted') })),
    },
    ...posRejections,
    400: problem('Malformed body, or a sale dated more than 5 minutes in the future'),
    422: problem("SALE_TOO_OLD: a sale older than the stage's window for late uploads (30 days unless set)"),
  },
});

export const recordPosRefundRoute = defineRoute({
  method: 'POST',
  path: '/v1/pos/refunds',
  auth: { kind: 'pos' },
  tag: 'pos',
  summary: 'Report a full or partial refund; points are taken back in proportion, once per refund',
  headers: posSignedHeaders,
  body: posRefundSchema,
  maxBodyBytes: 256 * 1024,
  responses: {
    202: {
      description: 'Accepted',
      schema: lazySchema(() => z.object({ refundId: z.string(), status: z.literal('accepted') })),
    },
    ...posRejections,
  },
});

export const createStoreRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/stores',
  auth: { kind: 'staff', permission: 'stores:write' },
  tag: 'stores',
  summary: 'Create a store',
  body: lazySchema(() =>
    z.strictObject({
      storeId: storeIdSchema,
      name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
    }),
  ),
  responses: {
    201: { description: 'Created', schema: storeSchema },
    400: problem('Invalid store'),
    409: problem('STORE_EXISTS'),
    ...staffRouteProblems,
  },
});

export const listStoresRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/stores',
  auth: { kind: 'staff', permission: 'stores:read' },
  tag: 'stores',
  summary: 'List stores',
  responses: {
    200: { description: 'Stores', schema: lazySchema(() => z.object({ items: z.array(storeSchema) })) },
    ...staffRouteProblems,
  },
});

const issuedKeySchema = lazySchema(() =>
  z.object({
    keyId: z.string(),
    storeId: z.string(),
    secret: z.string().check(z.describe('Shown once; store it in the POS')),
  }),
);

export const issuePosKeyRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/stores/{storeId}/pos-keys',
  auth: { kind: 'staff', permission: 'stores:keys' },
  tag: 'stores',
  summary: 'Issue a POS key for a store; the secret is in this answer only',
  params: lazySchema(() => z.strictObject({ storeId: storeIdSchema })),
  responses: {
    201: { description: 'Issued', schema: issuedKeySchema },
    404: problem('No such store'),
    ...staffRouteProblems,
  },
});

const keyParams = lazySchema(() => z.strictObject({ keyId: posKeyIdSchema }));

export const rotatePosKeyRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/pos-keys/{keyId}/rotate',
  auth: { kind: 'staff', permission: 'stores:keys' },
  tag: 'stores',
  summary: 'Issue a successor key; the old one keeps working for 24 hours',
  params: keyParams,
  responses: {
    201: {
      description: 'Successor issued',
      schema: lazySchema(() => z.extend(issuedKeySchema, { previousKeyValidUntil: z.iso.datetime() })),
    },
    404: problem('No such active key'),
    409: problem(
      'POS_KEY_ALREADY_ROTATED: the key has a successor already; POS_KEY_ROTATION_PENDING: its predecessor is still in its grace period',
    ),
    ...staffRouteProblems,
  },
});

export const revokePosKeyRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/pos-keys/{keyId}/revoke',
  auth: { kind: 'staff', permission: 'stores:keys' },
  tag: 'stores',
  summary: 'Revoke a POS key at once',
  params: keyParams,
  responses: { 204: { description: 'Revoked' }, 404: problem('No such key'), ...staffRouteProblems },
});

export const listPosDeadLettersRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/pos/dead-letters',
  auth: { kind: 'staff', permission: 'pos:operate' },
  tag: 'stores',
  summary: 'POS messages that failed five times (up to ten at a time), for inspection before a redrive',
  description:
    'Each dead letter carries the last error its consumer reported: `NO_POINTS_ACCOUNT` (the member has no ' +
    'points account yet), `NOT_YET_PROCESSABLE` (a refund before its sale, a conflict that kept coming back), ' +
    '`INVALID_MESSAGE`, `TIMED_OUT`, an AWS error name, or `NO_ERROR_RECORDED` when the consumer failed ' +
    'before it could report. `total` is the approximate number of dead letters.',
  responses: {
    200: {
      description: 'Dead letters',
      schema: lazySchema(() =>
        z.object({
          items: z.array(
            z.object({
              messageId: z.string(),
              sentAt: z.string(),
              receiveCount: z.int(),
              lastError: deliveryFailureSchema,
              message: z.nullable(posMessageSchema),
              raw: z.optional(z.string()),
            }),
          ),
          total: z.int(),
        }),
      ),
    },
    ...staffRouteProblems,
  },
});

export const redrivePosDeadLetterRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/pos/dead-letters/{messageId}/redrive',
  auth: { kind: 'staff', permission: 'pos:operate' },
  tag: 'stores',
  summary: 'Move one POS dead letter back onto the POS queue',
  description:
    'The message is sent to the POS queue again (under a new message id) and removed from the dead ' +
    'letters. A sale is credited once however often it is redriven.',
  params: lazySchema(() => z.strictObject({ messageId: z.string().check(z.minLength(1), z.maxLength(100)) })),
  responses: {
    202: {
      description: 'Back on the queue',
      schema: lazySchema(() => z.object({ messageId: z.string() })),
    },
    404: problem('No such dead letter'),
    ...staffRouteProblems,
  },
});

export const redrivePosDeadLettersRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/pos/dead-letters/redrive',
  auth: { kind: 'staff', permission: 'pos:operate' },
  tag: 'stores',
  summary: 'Move every POS dead letter back onto the POS queue',
  responses: {
    202: {
      description: 'Redrive started',
      schema: lazySchema(() => z.object({ taskHandle: z.nullable(z.string()) })),
    },
    ...staffRouteProblems,
  },
});
