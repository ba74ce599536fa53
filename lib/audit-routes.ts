import { z } from 'zod';
import { defineRoute } from './http/route';
import { problemSchema } from './http/problem';

const auditEntryViewSchema = z.object({
  actor: z.string(),
  roles: z.array(z.string()),
  action: z.string(),
  target: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  correlationId: z.string(),
  sourceIp: z.string().optional(),
  at: z.string(),
});

export const listAuditEntriesRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/audit',
  auth: { kind: 'staff', role: 'admin' },
  tag: 'audit',
  summary: 'Staff actions, newest first, filtered by target, actor, action and time (at most 93 days)',
  query: z
    .object({
      target: z.string().max(200).optional(),
      actor: z.string().max(64).optional(),
      action: z.string().max(64).optional(),
      from: z.iso.datetime().optional(),
      to: z.iso.datetime().optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    })
    .strict(),
  responses: {
    200: { description: 'Entries', schema: z.object({ items: z.array(auditEntryViewSchema) }) },
    400: { description: 'Bad filter', schema: problemSchema },
    401: { description: 'Not signed in', schema: problemSchema },
    403: { description: 'Needs the admin role', schema: problemSchema },
  },
});
