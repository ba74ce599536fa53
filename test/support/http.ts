import { inject } from 'vitest';
import { uniqueId } from './ids';

export const cloudUrl = () => inject('cloudUrl');

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the local cloud over HTTP like the mini program would: the shared one, or the one at `baseUrl`. */
export async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: {
    body?: unknown;
    rawBody?: string;
    token?: string;
    headers?: Record<string, string>;
    baseUrl?: string;
  } = {},
): Promise<ApiResponse<T>> {
  const response = await fetch(`${options.baseUrl ?? cloudUrl()}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined || options.rawBody !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

/** A unique code or id: the label and a UUID. */
export const uniqueCode = uniqueId;
export { longestPosId, longestStoreId } from './ids';

export interface LoginResult {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  isNew: boolean;
  customer: { id: string };
}

export const login = (code: string) => call<LoginResult>('POST', '/v1/auth/wechat/login', { body: { code } });
