import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/**
 * The member's session. The access token lives here only (memory): a reload renews it from the refresh
 * token (refresh-token.ts). `unknown` while that renewal runs; `offline` when it could not reach the API,
 * so the shell shows what the service worker kept, under the offline banner.
 */
export interface SessionState {
  status: 'unknown' | 'signedIn' | 'offline' | 'signedOut';
  accessToken: string | null;
  /** Why the last session ended, for the sign-in page to say. */
  ended: 'expired' | null;
}

const initialState: SessionState = { status: 'unknown', accessToken: null, ended: null };

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    signedIn: (_state, action: PayloadAction<{ accessToken: string }>) => ({
      status: 'signedIn',
      accessToken: action.payload.accessToken,
      ended: null,
    }),
    unreachable: (state) => ({ ...state, status: 'offline' }),
    signedOut: (_state, action: PayloadAction<{ expired: boolean } | undefined>) => ({
      status: 'signedOut',
      accessToken: null,
      ended: action.payload?.expired ? 'expired' : null,
    }),
  },
  selectors: {
    selectSession: (state) => state,
    selectAccessToken: (state) => state.accessToken,
  },
});

export const { signedIn, unreachable, signedOut } = sessionSlice.actions;
export const { selectSession, selectAccessToken } = sessionSlice.selectors;
