import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProvider } from './app/provider';
import { AppRoutes } from './app/router';
import { registerServiceWorker } from './app/service-worker';
import { makeStore } from './app/store';
import { renewSession } from './features/session/session';
import './styles.css';

const store = makeStore();
// Once, before the first render: the kept session, renewed (the access token is never stored).
void store.dispatch(renewSession());
void registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider store={store}>
      <BrowserRouter basename="/book">
        <AppRoutes />
      </BrowserRouter>
    </AppProvider>
  </StrictMode>,
);
