import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** One entry of the audit trail, as stored and as staff read it. */
export const auditEntrySchema = lazySchema(() =>
  z.object({
    actor: z.string(),
    roles: z.array(z.string()),
    action: z.string(),
    target: z.string(),
    before: z.optional(z.unknown()),
    after: z.optional(z.unknown()),
    correlationId: z.string(),
    sourceIp: z.optional(z.string()),
    at: z.string(),
  }),
);
export type AuditEntry = z.infer<typeof auditEntrySchema>;
