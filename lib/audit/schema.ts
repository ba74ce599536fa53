import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** One entry of the audit trail, as stored and as staff read it. */
export const auditEntrySchema = lazySchema(() =>
  z.object({
    actor: z
      .string()
      .check(
        z.describe(
          "Who acted: a staff id, system, unidentified, or customer:<id> for a member's own privacy request",
        ),
      ),
    roles: z.array(z.string()).check(z.describe("The actor's roles at the time")),
    action: z
      .string()
      .check(
        z.describe('What was done, as a dotted name: loyalty.adjust, campaign.create, staff.unlock, ...'),
      ),
    target: z
      .string()
      .check(z.describe('What it was done to, as kind:id: customer:<id>, campaign:<id>, ...')),
    before: z.optional(z.unknown().check(z.describe('The state before, personal data masked'))),
    after: z.optional(z.unknown().check(z.describe('The state after, personal data masked'))),
    correlationId: z.string().check(z.describe("The request's correlation id, to find it in the logs")),
    sourceIp: z.optional(z.string().check(z.describe('Where the request came from'))),
    at: z.string().check(z.describe('When, UTC')),
  }),
);
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** An entry as staff read it: who acted, by name and email when a staff member did. */
export const auditEntryViewSchema = lazySchema(() =>
  z.extend(auditEntrySchema, {
    actorKind: z
      .enum(['staff', 'system', 'unidentified', 'member'])
      .check(
        z.describe(
          'Who the actor is: staff (actor is their id), system (the platform by itself, such as locking an account after many failed sign-ins), unidentified (a sign-in that proved no identity) or member (customer:<id>, their own privacy request)',
        ),
      ),
    actorName: z.optional(
      z
        .string()
        .check(
          z.describe(
            "The staff member's name as their record holds it now; only for staff actors, absent for an id no staff member holds",
          ),
        ),
    ),
    actorEmail: z.optional(
      z
        .string()
        .check(
          z.describe(
            'The email the staff member signs in with; only for staff actors, absent for an id no staff member holds',
          ),
        ),
    ),
  }),
);
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;
