import type { ThunkAction, UnknownAction } from '@reduxjs/toolkit';
import { api, configureApiSession, isApiError } from '@sbm/web-shared/api';
import { refreshTokenStore } from './refresh-token';
import { sessionSlice, signedIn, signedOut, unreachable } from './session-slice';

/** Tokens as every member sign-in and renewal answers them. */
export interface MemberTokens {
  accessToken: string;
  refreshToken: string;
}

type SessionThunk<R> = ThunkAction<
  R,
  { session: ReturnType<typeof sessionSlice.reducer> },
  unknown,
  UnknownAction
>;

/** A sign-in (SMS or WeChat) or a renewal answered: the access token to memory, the refresh token kept. */
export const startSession =
  (tokens: MemberTokens): SessionThunk<void> =>
  (dispatch) => {
    refreshTokenStore.set(tokens.refreshToken);
    dispatch(signedIn({ accessToken: tokens.accessToken }));
  };

/**
 * Exchanges the kept refresh token for new tokens (POST /v1/auth/refresh): true when signed in again.
 * Without an answer (offline) the session is kept for the next try and the shell shows the cached screens.
 */
export const renewSession = (): SessionThunk<Promise<boolean>> => async (dispatch) => {
  const refreshToken = refreshTokenStore.get();
  if (!refreshToken) {
    dispatch(signedOut());
    return false;
  }
  const result = await dispatch(api.endpoints.refreshTokens.initiate({ body: { refreshToken } }));
  if ('data' in result && result.data) {
    dispatch(startSession(result.data));
    return true;
  }
  if (isApiError(result.error) && result.error.status === 0) {
    dispatch(unreachable());
    return false;
  }
  refreshTokenStore.clear();
  dispatch(signedOut({ expired: true }));
  return false;
};

/** Signing out forgets both tokens here; the API ends the session (POST /v1/auth/logout) when it can. */
export const endSession = (): SessionThunk<Promise<void>> => async (dispatch) => {
  const refreshToken = refreshTokenStore.get();
  refreshTokenStore.clear();
  if (refreshToken) await dispatch(api.endpoints.logout.initiate({ body: { refreshToken } }));
  dispatch(signedOut());
  dispatch(api.util.resetApiState());
};

/** How the one API client holds the member's session: the bearer token, renewed once on a 401. */
export function configureMemberSession() {
  configureApiSession({
    client: 'booking',
    accessToken: (state) => (state as { session: { accessToken: string | null } }).session.accessToken,
    renew: async ({ dispatch }) =>
      (dispatch as (thunk: SessionThunk<Promise<boolean>>) => Promise<boolean>)(renewSession()),
    end: ({ dispatch }) => {
      refreshTokenStore.clear();
      dispatch(signedOut({ expired: true }));
    },
    sessionEndpoints: ['refreshTokens', 'logout', 'wechatLogin', 'wechatWebLogin', 'smsSend', 'smsVerify'],
  });
}
