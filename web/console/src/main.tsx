import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProvider } from './app/provider';
import { AppRoutes } from './app/router';
import { makeStore } from './app/store';
import { restoreSession } from './features/auth';
import './styles.css';

const CONSOLE_BASENAME = '/console';

// The console lives under /console/. Its page also answers the root of its CloudFront distribution (the
// default root object) and any other route outside /console/: it moves itself under /console/ first.
if (
  window.location.pathname !== CONSOLE_BASENAME &&
  !window.location.pathname.startsWith(`${CONSOLE_BASENAME}/`)
)
  window.history.replaceState(
    null,
    '',
    `${CONSOLE_BASENAME}${window.location.pathname}${window.location.search}${window.location.hash}`,
  );

const store = makeStore();
// Once, before the first render: the session of the cookie, if there is one.
void store.dispatch(restoreSession());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider store={store}>
      <BrowserRouter basename={CONSOLE_BASENAME}>
        <AppRoutes />
      </BrowserRouter>
    </AppProvider>
  </StrictMode>,
);
