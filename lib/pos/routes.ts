import * as z from '../zod';
import { defineRoute } from '../http/route';
import { problemResponse, staffRouteProblems } from '../http/problem';
import { deliveryFailureSchema } from '../queues/failures';
import { posMessageSchema, posRefundSchema, posTransactionSchema } from './messages';
import { posRouteProblems } from './route-problems';
import { posSignedHeaders } from './signed-headers';
import { posRefundExample, posTransactionExample, storeExample } from './examples';
import { posKeyIdSchema, posKeyViewSchema, storeIdSchema, storeNameSchema, storeSchema } from './schemas';
import { nextCursorSchema, paginationQuerySchema } from '../db/cursor';
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
  bodyExample: posTransactionExample,
  maxBodyBytes: 256 * 1024,
  responses: {
    202: {
      description: 'Accepted',
      schema: lazySchema(() =>
        z.object({
          transactionId: z.string(),
          status: z.literal('accepted').check(z.describe('Queued: the points are credited within seconds')),
        }),
      ),
      example: { transactionId: posTransactionExample.transactionId, status: 'accepted' },
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
  bodyExample: posRefundExample,
  maxBodyBytes: 256 * 1024,
  responses: {
    202: {
      description: 'Accepted',
      schema: lazySchema(() =>
        z.object({
          refundId: z.string(),
          status: z.literal('accepted').check(z.describe('Queued: the points are taken back within seconds')),
        }),
      ),
      example: { refundId: posRefundExample.refundId, status: 'accepted' },
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
      name: storeNameSchema,
    }),
  ),
  bodyExample: { storeId: storeExample.storeId, name: storeExample.name },
  responses: {
    201: { description: 'Created', schema: storeSchema, example: storeExample },
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
  summary: 'List stores in the order of their ids, deactivated ones too; a store manager sees theirs only',
  query: paginationQuerySchema,
  responses: {
    200: {
      description: 'One page',
      schema: lazySchema(() => z.object({ items: z.array(storeSchema), nextCursor: nextCursorSchema })),
      example: {
        items: [
          storeExample,
          {
            storeId: 'plaza-l2-031',
            name: 'UNIQLO (SBM Plaza L2-031)',
            active: false,
            createdAt: '2026-10-20T02:07:12.553Z',
            deactivatedAt: '2026-11-30T09:15:02.210Z',
          },
        ],
        nextCursor: null,
      },
    },
    400: problem('Bad limit or cursor'),
    ...staffRouteProblems,
  },
});

const storeParams = lazySchema(() => z.strictObject({ storeId: storeIdSchema }));

export const getStoreRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/stores/{storeId}',
  auth: { kind: 'staff', permission: 'stores:read' },
  tag: 'stores',
  summary: 'One store; a store manager reads only theirs (403 for any other)',
  params: storeParams,
  responses: {
    200: { description: 'The store', schema: storeSchema, example: storeExample },
    404: problem('No such store'),
    ...staffRouteProblems,
  },
});

export const renameStoreRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/admin/stores/{storeId}',
  auth: { kind: 'staff', permission: 'stores:write' },
  tag: 'stores',
  summary: 'Rename a store',
  params: storeParams,
  body: lazySchema(() => z.strictObject({ name: storeNameSchema })),
  bodyExample: { name: 'Manner Coffee (SBM Plaza B1-019)' },
  responses: {
    200: {
      description: 'Renamed',
      schema: storeSchema,
      example: { ...storeExample, name: 'Manner Coffee (SBM Plaza B1-019)' },
    },
    400: problem('Invalid name'),
    404: problem('No such store'),
    ...staffRouteProblems,
  },
});

export const deactivateStoreRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/stores/{storeId}/deactivate',
  auth: { kind: 'staff', permission: 'stores:write' },
  tag: 'stores',
  summary: 'Deactivate a store: its POS keys stop working and it gets no new ones',
  description:
    "The store's keys are refused like revoked ones, with 401 `POS_SIGNATURE_INVALID`: by the gateway at " +
    'once, by the signature check within a minute. Its sales, points and history stay. Deactivating a ' +
    'deactivated store changes nothing.',
  params: storeParams,
  responses: {
    200: {
      description: 'Deactivated',
      schema: storeSchema,
      example: { ...storeExample, active: false, deactivatedAt: '2026-11-30T09:15:02.210Z' },
    },
    404: problem('No such store'),
    ...staffRouteProblems,
  },
});

export const listPosKeysRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/stores/{storeId}/pos-keys',
  auth: { kind: 'staff', permission: 'stores:read' },
  tag: 'stores',
  summary: "A store's POS keys with their state, in the order of their ids; never their secrets",
  params: storeParams,
  query: paginationQuerySchema,
  responses: {
    200: {
      description: 'One page',
      schema: lazySchema(() => z.object({ items: z.array(posKeyViewSchema), nextCursor: nextCursorSchema })),
      example: {
        items: [
          {
            keyId: 'pk-3f9a1c7e5b2d4068',
            storeId: storeExample.storeId,
            state: 'rotating',
            createdAt: '2026-10-20T02:06:10.402Z',
            validUntil: '2026-11-28T03:20:45.118Z',
            rotatedTo: 'pk-8b21e4d07c9f3a56',
          },
          {
            keyId: 'pk-8b21e4d07c9f3a56',
            storeId: storeExample.storeId,
            state: 'active',
            createdAt: '2026-11-27T03:20:45.118Z',
          },
        ],
        nextCursor: null,
      },
    },
    400: problem('Bad limit or cursor'),
    404: problem('No such store'),
    ...staffRouteProblems,
  },
});

/** A POS key as issued, with its secret, in OpenAPI's examples. */
const issuedKeyExample = {
  keyId: 'pk-3f9a1c7e5b2d4068',
  storeId: storeExample.storeId,
  secret: 'Jq2vX8mT4kR9sW1bN6cY3zL7pD0fH5gA2eU8iO4wQ1t',
};

const issuedKeySchema = lazySchema(() =>
  z.object({
    keyId: z.string().check(z.describe('Sent as X-Pos-Key')),
    storeId: z.string(),
    secret: z
      .string()
      .check(z.describe('The signing secret, in this answer only: keep it in the till, never in a browser')),
  }),
);

export const issuePosKeyRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/stores/{storeId}/pos-keys',
  auth: { kind: 'staff', permission: 'stores:keys' },
  tag: 'stores',
  summary: 'Issue a POS key for a store; the secret is in this answer only',
  params: storeParams,
  responses: {
    201: { description: 'Issued', schema: issuedKeySchema, example: issuedKeyExample },
    404: problem('No such store'),
    409: problem('STORE_INACTIVE: the store is deactivated'),
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
      schema: lazySchema(() =>
        z.extend(issuedKeySchema, {
          previousKeyValidUntil: z.iso
            .datetime()
            .check(z.describe('The key rotated keeps working until then, beside this one')),
        }),
      ),
      example: {
        keyId: 'pk-8b21e4d07c9f3a56',
        storeId: storeExample.storeId,
        secret: 'V3nB7xQ1mK9tR5wZ2cL8pF4hJ0sD6gY3aE7uI1oT9kM',
        previousKeyValidUntil: '2026-11-28T03:20:45.118Z',
      },
    },
    404: problem('No such active key'),
    409: problem(
      'POS_KEY_ALREADY_ROTATED: the key has a successor already; POS_KEY_ROTATION_PENDING: its predecessor is still in its grace period; STORE_INACTIVE: its store is deactivated',
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
              messageId: z.string().check(z.describe("The dead letter's message id, to redrive it by")),
              sentAt: z.string().check(z.describe('When the message was queued')),
              receiveCount: z.int().check(z.describe('Deliveries tried')),
              lastError: deliveryFailureSchema.check(z.describe('The last error its consumer reported')),
              message: z
                .nullable(posMessageSchema)
                .check(
                  z.describe(
                    'The message: a sale or a refund with what the intake added; null when unreadable',
                  ),
                ),
              raw: z.optional(
                z.string().check(z.describe('The body as queued, when it is not a readable message')),
              ),
            }),
          ),
          total: z
            .int()
            .check(z.describe("About how many dead letters there are (the queue's approximate count)")),
        }),
      ),
      example: {
        items: [
          {
            messageId: '5fea7756-0ea4-451a-a703-a558b933e274',
            sentAt: '2026-11-11T06:32:06.903Z',
            receiveCount: 5,
            lastError: {
              code: 'NO_POINTS_ACCOUNT',
              message: 'No points account for customer 01JD3Q8Z6W4K9T2M5N7P1R3S5V yet',
              receiveCount: 5,
              failedAt: '2026-11-11T06:41:13.266Z',
            },
            message: {
              kind: 'purchase',
              transaction: {
                ...posTransactionExample,
                occurredAt: '2026-11-11T06:32:05.000Z',
                customer: { customerId: '01JD3Q8Z6W4K9T2M5N7P1R3S5V' },
              },
              receivedAt: '2026-11-11T06:32:06.841Z',
              keyId: 'pk-3f9a1c7e5b2d4068',
              correlationId: 'b2e7c4a1-8d3f-4e6b-9a05-6f1d2c8e7b34',
            },
          },
        ],
        total: 1,
      },
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
  params: lazySchema(() =>
    z.strictObject({
      messageId: z
        .string()
        .check(z.minLength(1), z.maxLength(100), z.describe('The messageId the dead-letter list gave')),
    }),
  ),
  responses: {
    202: {
      description: 'Back on the queue',
      schema: lazySchema(() =>
        z.object({ messageId: z.string().check(z.describe('Its new message id on the POS queue')) }),
      ),
      example: { messageId: 'a41c9e27-6b3d-4f80-b5e2-0d7c8f1a9e63' },
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
      schema: lazySchema(() =>
        z.object({
          taskHandle: z
            .nullable(z.string())
            .check(z.describe("SQS's handle of the move task, to follow or cancel it with AWS tools")),
        }),
      ),
      example: {
        taskHandle:
          'eyJ0YXNrSWQiOiJkYzE2MzM4Ni1iMzk4LTQ3YjItYjE5ZC1mNDY1Yzk0NzUxZjUiLCJzb3VyY2VBcm4iOiJhcm46YXdzOnNxczphcC1zb3V0aGVhc3QtMToxMTExMjIyMjMzMzM6c2JtLWNybS1wcm9kLXBvcy1kbHEifQ==',
      },
    },
    ...staffRouteProblems,
  },
});
