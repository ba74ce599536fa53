import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProvider } from './app/provider';
import { AppRoutes } from './app/router';
import { makeStore } from './app/store';
import { restoreSession } from './features/auth';
import './styles.css';

const store = makeStore();
// Once, before the first render: the session of the cookie, if there is one.
void store.dispatch(restoreSession());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider store={store}>
      <BrowserRouter basename="/console">
        <AppRoutes />
      </BrowserRouter>
    </AppProvider>
  </StrictMode>,
);
