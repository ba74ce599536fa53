import * as z from '../zod';
import { staffRoleSchema } from './permissions';
import { lazySchema } from '../lazy-schema';

/**
 * Who is calling, as the API authorizer tells a handler. API Gateway passes the authorizer context as
 * flat strings, so the shapes here are flat too (staff roles travel comma-separated).
 */
export const customerPrincipalSchema = lazySchema(() =>
  z.object({
    kind: z.literal('customer'),
    customerId: z.string().check(z.minLength(1)),
    sessionId: z.string().check(z.minLength(1)),
  }),
);

export { staffRoleSchema, type StaffRole } from './permissions';

export const staffPrincipalSchema = lazySchema(() =>
  z.object({
    kind: z.literal('staff'),
    staffId: z.string().check(z.minLength(1)),
    sessionId: z.string().check(z.minLength(1)),
    roles: z.array(staffRoleSchema),
    /** Stores a store-scoped role may act for. */
    storeIds: z.array(z.string()),
  }),
);

const commaList = lazySchema(() =>
  z.pipe(
    z.string(),
    z.transform((list) => list.split(',').filter(Boolean)),
  ),
);

/** The authorizer context of a staff caller, with roles and stores as comma-separated strings. */
export const staffContextSchema = lazySchema(() =>
  z.extend(staffPrincipalSchema, {
    roles: z.pipe(commaList, z.array(staffRoleSchema)),
    storeIds: z.pipe(z._default(z.string(), ''), commaList),
  }),
);

export const principalSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [customerPrincipalSchema, staffPrincipalSchema]),
);

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
        storeIds: principal.storeIds.join(','),
      };
}
