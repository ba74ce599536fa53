import { z } from 'zod';

/**
 * Who is calling, as the API authorizer tells a handler. API Gateway passes the authorizer context as
 * flat strings, so the shapes here are flat too (staff roles travel comma-separated).
 */
export const customerPrincipalSchema = z.object({
  kind: z.literal('customer'),
  customerId: z.string().min(1),
  sessionId: z.string().min(1),
});

export const staffRoleSchema = z.enum(['admin']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const staffPrincipalSchema = z.object({
  kind: z.literal('staff'),
  staffId: z.string().min(1),
  sessionId: z.string().min(1),
  roles: z.array(staffRoleSchema),
});

/** The authorizer context of a staff caller, with roles as one comma-separated string. */
export const staffContextSchema = staffPrincipalSchema.extend({
  roles: z
    .string()
    .transform((roles) => roles.split(',').filter(Boolean))
    .pipe(z.array(staffRoleSchema)),
});

export const principalSchema = z.discriminatedUnion('kind', [customerPrincipalSchema, staffPrincipalSchema]);

export type CustomerPrincipal = z.infer<typeof customerPrincipalSchema>;
export type StaffPrincipal = z.infer<typeof staffPrincipalSchema>;
export type Principal = CustomerPrincipal | StaffPrincipal;

/** A store's POS, authenticated by the HMAC signature of its request. */
export interface PosCaller {
  kind: 'pos';
  keyId: string;
  storeId: string;
}

export const subjectIdOf = (principal: Principal) =>
  principal.kind === 'customer' ? principal.customerId : principal.staffId;

/** The flat authorizer context API Gateway hands to the route's function. */
export function authorizerContextOf(principal: Principal): Record<string, string> {
  return principal.kind === 'customer'
    ? { kind: 'customer', customerId: principal.customerId, sessionId: principal.sessionId }
    : {
        kind: 'staff',
        staffId: principal.staffId,
        sessionId: principal.sessionId,
        roles: principal.roles.join(','),
      };
}
