import * as z from '../zod';
import { defineRoute } from '../http/route';
import { problemResponse, staffRouteProblems } from '../http/problem';
import { auditEntrySchema } from './schema';
import { lazySchema } from '../lazy-schema';
import { periodFilterShape, periodInOrder } from '../http/time-inputs';

export const listAuditEntriesRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/audit',
  auth: { kind: 'staff', permission: 'audit:read' },
  tag: 'audit',
  summary:
    'Staff actions, newest first, filtered by target, actor, action and time (the last 7 days unless given; at most 93 days by time alone), page by page',
  query: lazySchema(() =>
    z
      .strictObject({
        target: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
        actor: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
        action: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
        ...periodFilterShape(),
        limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50),
        cursor: z.optional(z.string().check(z.maxLength(1024))),
      })
      .check(periodInOrder()),
  ),
  responses: {
    200: {
      description: 'Entries; nextCursor, when given, continues the same search',
      schema: lazySchema(() =>
        z.object({ items: z.array(auditEntrySchema), nextCursor: z.optional(z.string()) }),
      ),
    },
    400: problemResponse('Bad filter or cursor'),
    ...staffRouteProblems,
  },
});
