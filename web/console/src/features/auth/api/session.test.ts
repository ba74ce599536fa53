// The session behind every call: a 401 renews it once (from the cookie, or today's body refresh token), then signs out.
import { api } from '@sbm/web-shared/api';
import { describe, expect, it, vi } from 'vitest';
import { makeStore, type RootState } from '@/app/store';
import { jsonAnswer, problemAnswer, requestOf } from '@/testing/render';
import { restoreSession, signOut } from './session';

type Call = Awaited<ReturnType<typeof requestOf>>;

/** A fetch that answers by method and path, and records what it was asked. */
function fakeApi(answers: Record<string, (call: Call) => Response>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const call = await requestOf(input, init);
      calls.push(call);
      const answer = answers[`${call.method} ${call.path}`];
      if (!answer) throw new Error(`Unexpected call ${call.method} ${call.path}`);
      return answer(call);
    }),
  );
  return calls;
}

const signedInStore = (session: Partial<RootState['session']> = {}) =>
  makeStore({
    session: {
      status: 'signedIn',
      accessToken: 'old-token',
      ended: null,
      ...session,
    },
  });

const day = { day: '2026-12-06', stores: [], campaignBonusesWithoutStore: 0, totals: {} };
const bearer = (call: Call) => call.headers.get('authorization');
const salesAnswer = (call: Call) =>
  bearer(call) === 'Bearer new-token' ? jsonAnswer(day) : problemAnswer(401, 'UNAUTHORIZED');

describe('the console session', () => {
  it('renews an expired access token from the cookie once, and retries the call with the new one', async () => {
    const calls = fakeApi({
      'GET /v1/admin/analytics/daily-sales': salesAnswer,
      'POST /v1/admin/auth/refresh': () =>
        jsonAnswer({ accessToken: 'new-token', expiresIn: 900, staff: { id: 'S1', roles: ['admin'] } }),
    });
    const store = signedInStore();

    const result = await store.dispatch(api.endpoints.getDailySales.initiate({ day: '2026-12-06' }));

    expect(result.data).toEqual(day);
    expect(calls.map((call) => `${call.method} ${call.path} ${bearer(call) ?? '-'}`)).toEqual([
      'GET /v1/admin/analytics/daily-sales Bearer old-token',
      'POST /v1/admin/auth/refresh Bearer old-token',
      'GET /v1/admin/analytics/daily-sales Bearer new-token',
    ]);
    expect(calls[1]!.headers.get('x-sbm-client')).toBe('console');
    expect(store.getState().session.accessToken).toBe('new-token');
  });

  it('shares one renewal between the calls that fail together', async () => {
    const calls = fakeApi({
      'GET /v1/admin/analytics/daily-sales': salesAnswer,
      'GET /v1/admin/analytics/points-liability': (call) =>
        bearer(call) === 'Bearer new-token'
          ? jsonAnswer({ outstandingPoints: 0 })
          : problemAnswer(401, 'UNAUTHORIZED'),
      'POST /v1/admin/auth/refresh': () =>
        jsonAnswer({ accessToken: 'new-token', expiresIn: 900, staff: { id: 'S1', roles: ['admin'] } }),
    });
    const store = signedInStore();

    await Promise.all([
      store.dispatch(api.endpoints.getDailySales.initiate({ day: '2026-12-06' })),
      store.dispatch(api.endpoints.getPointsLiability.initiate({})),
    ]);

    expect(calls.filter((call) => call.path === '/v1/admin/auth/refresh')).toHaveLength(1);
  });

  it('signs out, saying the session expired, when it cannot be renewed', async () => {
    fakeApi({
      'GET /v1/admin/analytics/daily-sales': () => problemAnswer(401, 'UNAUTHORIZED'),
      'POST /v1/admin/auth/refresh': () => problemAnswer(401, 'SESSION_REVOKED'),
    });
    const store = signedInStore();

    await store.dispatch(api.endpoints.getDailySales.initiate({ day: '2026-12-06' }));

    expect(store.getState().api.queries).toEqual({});
    expect(store.getState().session).toMatchObject({
      status: 'signedOut',
      accessToken: null,
      ended: 'expired',
    });
  });

  it('restores the session of the cookie on load, so a reload keeps the staff member signed in', async () => {
    fakeApi({
      'POST /v1/admin/auth/refresh': () =>
        jsonAnswer({ accessToken: 'restored', expiresIn: 900, staff: { id: 'S1', roles: ['analyst'] } }),
    });
    const store = makeStore();
    expect(store.getState().session.status).toBe('restoring');

    await store.dispatch(restoreSession());

    expect(store.getState().session).toMatchObject({
      status: 'signedIn',
      accessToken: 'restored',
    });
  });

  it('shows the sign-in page when there is no session', async () => {
    fakeApi({ 'POST /v1/admin/auth/refresh': () => problemAnswer(401, 'UNAUTHORIZED') });
    const store = makeStore();
    await store.dispatch(restoreSession());
    expect(store.getState().session).toMatchObject({ status: 'signedOut', ended: null });
  });

  it('ends the session on the server when signing out, and forgets it and what it read', async () => {
    const calls = fakeApi({
      'POST /v1/admin/auth/logout': () => new Response(null, { status: 204 }),
      'GET /v1/admin/analytics/points-liability': () => jsonAnswer({ outstandingPoints: 5 }),
    });
    const cookieStore = signedInStore();
    await cookieStore.dispatch(api.endpoints.getPointsLiability.initiate({}));
    await cookieStore.dispatch(signOut());

    expect(calls.filter((call) => call.path.endsWith('/logout')).map((call) => call.path)).toEqual([
      '/v1/admin/auth/logout',
    ]);
    expect(cookieStore.getState().session).toMatchObject({
      status: 'signedOut',
      ended: 'signedOut',
      accessToken: null,
    });
    expect(cookieStore.getState().api.queries).toEqual({});
  });
});
