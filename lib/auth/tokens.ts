import { randomBytes } from 'node:crypto';
import * as z from '../zod';
import { readConfiguredSecret } from '../secrets';
import { CLOCK_TOLERANCE_SECONDS, staffRoleSchema, subjectIdOf, type Principal } from './principal';
import { lazySchema } from '../lazy-schema';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'sbm-crm';
const AUDIENCE = 'sbm-crm-api';
const ALGORITHM = 'HS256';

/**
 * The signing keyring, a flat JSON object so that Secrets Manager can generate it:
 * `{ "currentKid": "k1", "k1": "<secret>", "k0": "<older secret>" }`. The current key signs; every
 * listed key verifies, so a rotation adds a kid, switches currentKid, and drops the old kid later.
 */
export const keyringSchema = lazySchema(() =>
  z.pipe(
    z
      .catchall(
        z.object({ currentKid: z.string().check(z.minLength(1)) }),
        z.string().check(z.minLength(43, 'must hold at least 256 bits')),
      )
      .check(
        z.refine((ring) => typeof ring[ring.currentKid] === 'string' && ring.currentKid !== 'currentKid', {
          message: 'must name one of the keys',
          path: ['currentKid'],
        }),
      ),
    z.transform((ring) => {
      const { currentKid, ...keys } = ring;
      return { currentKid, keys: keys as Record<string, string> };
    }),
  ),
);
export type Keyring = z.output<typeof keyringSchema>;

export function generateKeyring(kid = 'local1'): z.input<typeof keyringSchema> {
  return { currentKid: kid, [kid]: randomBytes(32).toString('base64url') };
}

const loadKeyring = () => readConfiguredSecret('jwtSigningKeys', keyringSchema);

const claimsSchema = lazySchema(() =>
  z.discriminatedUnion('typ', [
    z.object({
      sub: z.string().check(z.minLength(1)),
      sid: z.string().check(z.minLength(1)),
      exp: z.int(),
      typ: z.literal('customer'),
    }),
    z.object({
      sub: z.string().check(z.minLength(1)),
      sid: z.string().check(z.minLength(1)),
      exp: z.int(),
      typ: z.literal('staff'),
      // The roles and stores at issue, for the console to show: what a request may do is read from the
      // staff record (lib/auth/staff-access.ts), so that a change or a deactivation applies at once.
      roles: z.array(staffRoleSchema),
      stores: z._default(z.array(z.string()), []),
    }),
  ]),
);

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** jsonwebtoken loads with the first token, not with every function that can reach this module. */
const loadJwt = async () => (await import('jsonwebtoken')).default;

export async function signAccessToken(
  principal: Principal,
  keyring: Keyring,
): Promise<{ accessToken: string; expiresIn: number }> {
  const jwt = await loadJwt();
  const secret = keyring.keys[keyring.currentKid]!;
  const claims =
    principal.kind === 'staff'
      ? { sid: principal.sessionId, typ: principal.kind, roles: principal.roles, stores: principal.storeIds }
      : { sid: principal.sessionId, typ: principal.kind };
  const accessToken = jwt.sign(claims, secret, {
    algorithm: ALGORITHM,
    keyid: keyring.currentKid,
    issuer: ISSUER,
    audience: AUDIENCE,
    subject: subjectIdOf(principal),
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
  });
  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

/** A verified access token: who it speaks for, and when it expires (epoch seconds, its `exp`). */
export interface VerifiedAccessToken {
  principal: Principal;
  expiresAt: number;
}

/** Verifies with the algorithm pinned, issuer, audience and expiry checked, and the key chosen by `kid`. */
export async function verifyAccessTokenClaimsWith(
  token: string,
  keyring: Keyring,
): Promise<VerifiedAccessToken> {
  const jwt = await loadJwt();
  const decoded = jwt.decode(token, { complete: true });
  const kid = decoded?.header.kid;
  const secret = kid ? keyring.keys[kid] : undefined;
  if (!secret) throw new InvalidTokenError('unknown signing key');
  let payload: unknown;
  try {
    payload = jwt.verify(token, secret, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
  } catch (error) {
    throw new InvalidTokenError((error as Error).message);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new InvalidTokenError('unexpected claims');
  const { data } = claims;
  const principal: Principal =
    data.typ === 'customer'
      ? { kind: 'customer', customerId: data.sub, sessionId: data.sid }
      : { kind: 'staff', staffId: data.sub, sessionId: data.sid, roles: data.roles, storeIds: data.stores };
  return { principal, expiresAt: data.exp };
}

export async function verifyAccessTokenWith(token: string, keyring: Keyring): Promise<Principal> {
  return (await verifyAccessTokenClaimsWith(token, keyring)).principal;
}

export async function issueAccessToken(principal: Principal) {
  return signAccessToken(principal, await loadKeyring());
}

export async function verifyAccessTokenClaims(token: string): Promise<VerifiedAccessToken> {
  return verifyAccessTokenClaimsWith(token, await loadKeyring());
}
