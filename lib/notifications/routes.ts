import * as z from '../zod';
import { nextCursorSchema, paginationQuerySchema } from '../db/cursor';
import { defineRoute } from '../http/route';
import { notSignedIn, problemResponse } from '../http/problem';
import { inboxMessageExamples } from './examples';
import { inboxMessageSchema } from './views';
import { lazySchema } from '../lazy-schema';

export const listMyInboxRoute = defineRoute({
  method: 'GET',
  path: '/v1/notifications/me',
  auth: { kind: 'customer' },
  tag: 'notifications',
  summary: "The signed-in member's inbox, newest first",
  query: paginationQuerySchema,
  responses: {
    200: {
      description: 'One page of messages',
      schema: lazySchema(() =>
        z.object({
          items: z.array(inboxMessageSchema),
          nextCursor: nextCursorSchema,
        }),
      ),
      example: { items: inboxMessageExamples, nextCursor: null },
    },
    400: problemResponse('Bad limit or cursor'),
    401: notSignedIn,
  },
});
