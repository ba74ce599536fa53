import * as z from 'zod';
import { defineRoute } from './http/route';
import { problemSchema } from './http/problem';
import { auditEntrySchema } from './audit-schema';
import { lazySchema } from './lazy-schema';

export const listAuditEntriesRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/audit',
  auth: { kind: 'staff', permission: 'audit:read' },
  tag: 'audit',
  summary: 'Staff actions, newest first, filtered by target, actor, action and time (at most 93 days)',
  query: lazySchema(() =>
    z
      .object({
        target: z.string().max(200).optional(),
        actor: z.string().max(64).optional(),
        action: z.string().max(64).optional(),
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ),
  responses: {
    200: { description: 'Entries', schema: lazySchema(() => z.object({ items: z.array(auditEntrySchema) })) },
    400: { description: 'Bad filter', schema: problemSchema },
    401: { description: 'Not signed in', schema: problemSchema },
    403: { description: 'Your roles lack the permission this route needs', schema: problemSchema },
  },
});
