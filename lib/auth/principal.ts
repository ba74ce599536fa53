import * as z from '../zod';
import { staffRoleSchema } from './permissions';
import { lazySchema } from '../lazy-schema';

/**
 * Who is calling. The API authorizer tells a handler who holds the token and when the token expires,
 * nothing more: API Gateway caches its answer per token for minutes, so what may be revoked sooner (a
 * staff member's roles, stores, or the account itself) is read by the HTTP stack on each request
 * (lib/auth/staff-access.ts), and the expiry is checked there too. API Gateway passes the context as
 * flat strings.
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
    /** The staff member's roles now, from their record (not the token's copy). */
    roles: z.array(staffRoleSchema),
    /** Stores a store-scoped role may act for. */
    storeIds: z.array(z.string()),
  }),
);

/**
 * How far past its `exp` an access token still counts, for clocks that disagree a little: the authorizer
 * verifies with it, and the HTTP stack checks the expiry it passes on with it too.
 */
export const CLOCK_TOLERANCE_SECONDS = 30;

/** When the access token expires, in epoch seconds: a string in the authorizer's context. */
const expiresAtSchema = lazySchema(() =>
  z.pipe(
    z.union([z.string().check(z.regex(/^\d{1,12}$/)), z.int().check(z.nonnegative())]),
    z.transform(Number),
  ),
);

/** The authorizer context of a member's token. */
export const customerContextSchema = lazySchema(() =>
  z.extend(customerPrincipalSchema, { exp: expiresAtSchema }),
);

/** The authorizer context of a staff token: who, never what they may do. */
export const staffContextSchema = lazySchema(() =>
  z.object({
    kind: z.literal('staff'),
    staffId: z.string().check(z.minLength(1)),
    sessionId: z.string().check(z.minLength(1)),
    exp: expiresAtSchema,
  }),
);

/** What every authorizer context carries, whoever the caller: its token's expiry. */
export const tokenContextSchema = lazySchema(() => z.looseObject({ exp: expiresAtSchema }));

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

/**
 * The flat authorizer context API Gateway hands to the route's function: the token's holder and expiry.
 * A staff token's roles and stores stay out, since the cached context would outlive a change of them.
 */
export function authorizerContextOf(principal: Principal, expiresAt: number): Record<string, string> {
  const exp = String(expiresAt);
  return principal.kind === 'customer'
    ? { kind: 'customer', customerId: principal.customerId, sessionId: principal.sessionId, exp }
    : { kind: 'staff', staffId: principal.staffId, sessionId: principal.sessionId, exp };
}
