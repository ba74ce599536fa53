import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** Who signed in, as the sign-in answered it: the fallback profile until GET /v1/admin/me answers. */
export interface SignedInAs {
  id: string;
  roles: string[];
  email: string | null;
}

export interface SessionState {
  /** restoring: the console asks the API for the session of its cookie, on load. */
  status: 'restoring' | 'signedIn' | 'signedOut';
  /** The bearer token: in memory only, never in storage. */
  accessToken: string | null;
  /**
   * Today's staff sign-in answers the refresh token in its body, where the console's cookie sign-in will
   * not: kept here in memory only (a reload signs out), to renew an expired access token meanwhile.
   */
  bodyRefreshToken: string | null;
  signedInAs: SignedInAs | null;
  /** Why the last session ended, said on the sign-in page. */
  ended: 'expired' | 'signedOut' | null;
}

const initialState: SessionState = {
  status: 'restoring',
  accessToken: null,
  bodyRefreshToken: null,
  signedInAs: null,
  ended: null,
};

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    signedIn(
      state,
      action: PayloadAction<{ accessToken: string; refreshToken?: string; signedInAs: SignedInAs | null }>,
    ) {
      state.status = 'signedIn';
      state.accessToken = action.payload.accessToken;
      state.bodyRefreshToken = action.payload.refreshToken ?? null;
      state.signedInAs = action.payload.signedInAs ?? state.signedInAs;
      state.ended = null;
    },
    renewed(state, action: PayloadAction<{ accessToken: string; refreshToken?: string }>) {
      state.accessToken = action.payload.accessToken;
      if (action.payload.refreshToken) state.bodyRefreshToken = action.payload.refreshToken;
    },
    signedOut(_state, action: PayloadAction<{ ended: 'expired' | 'signedOut' } | undefined>) {
      return { ...initialState, status: 'signedOut', ended: action.payload?.ended ?? null };
    },
  },
  selectors: {
    selectSessionStatus: (state) => state.status,
    selectAccessToken: (state) => state.accessToken,
    selectSignedInAs: (state) => state.signedInAs,
    selectSessionEnded: (state) => state.ended,
    selectBodyRefreshToken: (state) => state.bodyRefreshToken,
  },
});

export const { signedIn, renewed, signedOut } = sessionSlice.actions;
export const {
  selectSessionStatus,
  selectAccessToken,
  selectSignedInAs,
  selectSessionEnded,
  selectBodyRefreshToken,
} = sessionSlice.selectors;
