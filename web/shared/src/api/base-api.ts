import {
  createApi,
  fetchBaseQuery,
  type BaseQueryApi,
  type BaseQueryFn,
  type FetchArgs,
  type FetchBaseQueryMeta,
} from '@reduxjs/toolkit/query/react';
import { toApiError, type ApiError } from './api-error';

/** How a front end holds its session: the base query asks it for the token and to renew it. */
export interface ApiSession {
  /** Sent as X-Sbm-Client on every call: the API answers this client's sign-ins with a cookie. */
  client: string;
  accessToken(state: unknown): string | null;
  /** Called once when a call answers 401 (calls failing together share it): true once a new token is in the store. */
  renew(api: BaseQueryApi): Promise<boolean>;
  /** The session cannot be renewed: forget it. */
  end(api: BaseQueryApi): void;
  /** Endpoints that are the session itself: their 401 is the answer, not a reason to renew. */
  sessionEndpoints: readonly string[];
}

let session: ApiSession | undefined;

/** Set once by the front end, before its first call. */
export function configureApiSession(value: ApiSession) {
  session = value;
}

const fetchQuery = fetchBaseQuery({
  baseUrl: '',
  prepareHeaders: (headers, { getState }) => {
    if (!session) return headers;
    headers.set('x-sbm-client', session.client);
    const token = session.accessToken(getState());
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return headers;
  },
});

/** One renewal at a time: every call that fails with the old token waits for the same one. */
let renewal: Promise<boolean> | undefined;

/**
 * fetchBaseQuery, with every failure turned into an ApiError (status and problem code) and a 401 renewing
 * the session once: the call is retried with the new token, and a second 401 ends the session.
 */
export const apiBaseQuery: BaseQueryFn<
  string | FetchArgs,
  unknown,
  ApiError,
  object,
  FetchBaseQueryMeta
> = async (args, api, extraOptions) => {
  const tokenSent = session?.accessToken(api.getState());
  let result = await fetchQuery(args, api, extraOptions);
  if (session && result.error?.status === 401 && !session.sessionEndpoints.includes(api.endpoint)) {
    const current = session;
    // A call that failed with a token another call has renewed meanwhile just tries again.
    const renewed =
      current.accessToken(api.getState()) !== tokenSent ||
      (await (renewal ??= current.renew(api).finally(() => (renewal = undefined))));
    if (renewed) result = await fetchQuery(args, api, extraOptions);
    if (!renewed || result.error?.status === 401) current.end(api);
  }
  if (result.error) return { error: toApiError(result.error, result.meta), meta: result.meta };
  return { data: result.data, meta: result.meta };
};

/**
 * The one API slice of every front end. Its endpoints are generated from the platform's OpenAPI document
 * into generated.ts (npm run client:generate); finer cache tags are added in index.ts.
 */
export const baseApi = createApi({
  reducerPath: 'api',
  baseQuery: apiBaseQuery,
  endpoints: () => ({}),
});
