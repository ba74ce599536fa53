import type * as z from '../zod';
import type { Permission } from '../auth/permissions';
import type { ApiTag } from './tags';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: anyone (a public route may take a credential of its own, which OpenAPI names:
 * the console's refresh cookie); a signed-in member; staff whose roles grant a permission (the role
 * table is `lib/auth/permissions.ts`); any active staff member, whatever their roles; or a store's POS,
 * proven by the HMAC signature of the request.
 */
export type AuthRule =
  | { kind: 'public'; credential?: 'consoleRefreshCookie' }
  | { kind: 'customer' }
  | { kind: 'staff'; permission: Permission }
  | { kind: 'anyStaff' }
  | { kind: 'pos' };

/** Whether the route's callers prove themselves with a bearer access token, checked by the API's authorizer. */
export const usesBearerToken = (rule: AuthRule) =>
  rule.kind === 'customer' || rule.kind === 'staff' || rule.kind === 'anyStaff';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodMiniType;
  /** A realistic answer, shown in OpenAPI; a unit test parses it with `schema`, so it cannot drift. */
  example?: unknown;
  /** The name of OpenAPI's shared response that gives this answer once for every route that has it. */
  sharedAs?: string;
  /** Headers the answer sets (Set-Cookie, say), documented in OpenAPI. */
  headers?: Record<string, { description: string; example?: string }>;
}

/** A header a route reads, documented in OpenAPI with the schema the route checks it with. */
/** The largest body a route accepts when it declares no `maxBodyBytes`: the handler and WAF both hold to it. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export interface HeaderSpec {
  name: string;
  required: boolean;
  description: string;
  schema: z.ZodMiniType;
  example?: string;
  /** The name of OpenAPI's shared parameter; by default the header's name. */
  sharedAs?: string;
}

/** The contract of one HTTP route: declared once, used by the handler, the manifest and OpenAPI. */
export interface RouteContract<
  B extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  Q extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  A extends AuthRule = AuthRule,
  P extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
> {
  method: HttpMethod;
  path: `/${string}`;
  auth: A;
  summary: string;
  /** What an integrator needs beyond the summary (OpenAPI's description). */
  description?: string;
  tag: ApiTag;
  body?: B;
  /** A realistic body, shown in OpenAPI; a unit test parses it with `body`, so it cannot drift. */
  bodyExample?: B extends z.ZodMiniType ? z.input<B> : never;
  query?: Q;
  /** Path parameters, named as in `path` (`/v1/stores/{storeId}`). */
  params?: P;
  /** Headers the route reads, documented in OpenAPI. */
  headers?: HeaderSpec[];
  responses: Record<number, ResponseSpec>;
  /** Largest body accepted, in bytes. */
  maxBodyBytes?: number;
  /** A limit for this route stricter than the stage's (requests per second and burst). */
  throttle?: { rateLimit: number; burstLimit: number };
}

export function defineRoute<
  const A extends AuthRule,
  B extends z.ZodMiniType | undefined = undefined,
  Q extends z.ZodMiniType | undefined = undefined,
  P extends z.ZodMiniType | undefined = undefined,
>(route: RouteContract<B, Q, A, P>): RouteContract<B, Q, A, P> {
  return route;
}
