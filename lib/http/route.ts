import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: anyone, or a signed-in customer. The security issue extends this with staff
 * permissions; every route declares one.
 */
export type AuthRule = { kind: 'public' } | { kind: 'customer' };

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
}

/** The contract of one HTTP route: declared once, used by the handler, the manifest and OpenAPI. */
export interface RouteContract<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: HttpMethod;
  path: `/${string}`;
  auth: AuthRule;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  /** Header names the route reads, documented in OpenAPI. */
  headers?: { name: string; required: boolean; description: string }[];
  responses: Record<number, ResponseSpec>;
  /** Largest body accepted, in bytes. */
  maxBodyBytes?: number;
}

export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(route: RouteContract<B, Q>): RouteContract<B, Q> {
  return route;
}

export const isPublic = (route: Pick<RouteContract, 'auth'>) => route.auth.kind === 'public';
