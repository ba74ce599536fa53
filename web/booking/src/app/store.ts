import {
  combineSlices,
  configureStore,
  isFulfilled,
  isRejectedWithValue,
  type Middleware,
} from '@reduxjs/toolkit';
import { setupListeners } from '@reduxjs/toolkit/query';
import { api, isApiError } from '@sbm/web-shared/api';
import { configureMemberSession } from '../features/session/session';
import { sessionSlice } from '../features/session/session-slice';
import { connectivity } from '../lib/connectivity';

const rootReducer = combineSlices(api, sessionSlice);
export type RootState = ReturnType<typeof rootReducer>;

/** A call that got no answer drives the offline banner as the browser's offline event does. */
const connectivityWatch: Middleware = () => (next) => (action) => {
  if (isRejectedWithValue(action) && isApiError(action.payload) && action.payload.status === 0)
    connectivity.fetchFailed();
  else if (
    isFulfilled(action) &&
    (action as { meta?: { arg?: { endpointName?: string } } }).meta?.arg?.endpointName
  )
    connectivity.fetchSucceeded();
  return next(action);
};

/** The PWA's store: RTK Query's cache of the API and the member's session (the only client state). */
export function makeStore(preloadedState?: Partial<RootState>) {
  const store = configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(api.middleware, connectivityWatch),
  });
  configureMemberSession();
  setupListeners(store.dispatch);
  return store;
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];
