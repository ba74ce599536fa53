import { createAsyncThunk } from '@reduxjs/toolkit';
import { api, configureApiSession } from '@sbm/web-shared/api';
import type { AppDispatch, RootState } from '@/app/store';
import { renewed, signedIn, signedOut } from '../session-slice';

/** The header the console's session routes require (the HTTP client sends it on every call too). */
const CONSOLE = { 'X-Sbm-Client': 'console' } as const;

const createAppAsyncThunk = createAsyncThunk.withTypes<{ state: RootState; dispatch: AppDispatch }>();

/** The calls that are the session itself: a 401 from them is their answer. */
const SESSION_ENDPOINTS = [
  'adminLogin',
  'adminLoginTwoFactor',
  'adminLoginEnrolment',
  'adminLoginEnrolmentConfirm',
  'consoleRefresh',
  'consoleLogout',
];

/** A sign-in's or a renewal's answer: the access token (the refresh token stays in an HttpOnly cookie). */
export const sessionStarted = (answer: { accessToken: string }) =>
  signedIn({ accessToken: answer.accessToken });

/** A new access token from the session cookie. */
async function renewSession(dispatch: AppDispatch): Promise<boolean> {
  try {
    const session = await dispatch(api.endpoints.consoleRefresh.initiate(CONSOLE, { track: false })).unwrap();
    dispatch(renewed({ accessToken: session.accessToken }));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the session and everything read with it. */
const forget = (dispatch: AppDispatch, ended: 'expired' | 'signedOut') => {
  dispatch(signedOut({ ended }));
  dispatch(api.util.resetApiState());
};

/** How every API call of the console authenticates: the token from the store, renewed once on a 401. */
export function configureConsoleSession() {
  configureApiSession({
    client: 'console',
    accessToken: (state) => (state as RootState).session.accessToken,
    renew: ({ dispatch }) => renewSession(dispatch as AppDispatch),
    end: ({ dispatch }) => forget(dispatch as AppDispatch, 'expired'),
    sessionEndpoints: SESSION_ENDPOINTS,
  });
}

/**
 * On load: the session of the cookie, if any, so a reload keeps the staff member signed in. Dispatched
 * once, before the first render (a second refresh with the same cookie would look like a stolen one).
 */
export const restoreSession = createAppAsyncThunk('session/restore', async (_, { dispatch }) => {
  try {
    const session = await dispatch(api.endpoints.consoleRefresh.initiate(CONSOLE, { track: false })).unwrap();
    dispatch(sessionStarted(session));
  } catch {
    // 401: no session; offline: the sign-in page says so on submit.
    dispatch(signedOut());
  }
});

/** Ends the session on the server, then here whatever the server answered. */
export const signOut = createAppAsyncThunk('session/signOut', async (_, { dispatch }) => {
  try {
    await dispatch(api.endpoints.consoleLogout.initiate(CONSOLE, { track: false })).unwrap();
  } catch {
    // Signed out here all the same; the server's session expires by itself.
  }
  forget(dispatch, 'signedOut');
});

export const {
  useAdminLoginMutation,
  useAdminLoginTwoFactorMutation,
  useAdminLoginEnrolmentMutation,
  useAdminLoginEnrolmentConfirmMutation,
  useStaffMeQuery,
} = api;
