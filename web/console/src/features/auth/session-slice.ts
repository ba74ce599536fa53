import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export interface SessionState {
  /** restoring: the console asks the API for the session of its cookie, on load. */
  status: 'restoring' | 'signedIn' | 'signedOut';
  /** The bearer token: in memory only, never in storage. */
  accessToken: string | null;
  /** Why the last session ended, said on the sign-in page. */
  ended: 'expired' | 'signedOut' | null;
}

const initialState: SessionState = {
  status: 'restoring',
  accessToken: null,
  ended: null,
};

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    signedIn(state, action: PayloadAction<{ accessToken: string }>) {
      state.status = 'signedIn';
      state.accessToken = action.payload.accessToken;
      state.ended = null;
    },
    renewed(state, action: PayloadAction<{ accessToken: string }>) {
      state.accessToken = action.payload.accessToken;
    },
    signedOut(_state, action: PayloadAction<{ ended: 'expired' | 'signedOut' } | undefined>) {
      return { ...initialState, status: 'signedOut', ended: action.payload?.ended ?? null };
    },
  },
  selectors: {
    selectSessionStatus: (state) => state.status,
    selectAccessToken: (state) => state.accessToken,
    selectSessionEnded: (state) => state.ended,
  },
});

export const { signedIn, renewed, signedOut } = sessionSlice.actions;
export const { selectSessionStatus, selectAccessToken, selectSessionEnded } = sessionSlice.selectors;
