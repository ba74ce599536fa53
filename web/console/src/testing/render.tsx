import { render } from '@testing-library/react';
import { App } from 'antd';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { AppProvider } from '@/app/provider';
import { makeStore, type AppStore, type RootState } from '@/app/store';

/**
 * A component inside the console's providers, the shell's `App` and a router at `route`, with a store of
 * its own.
 */
export function renderWithProviders(
  ui: ReactElement,
  {
    route = '/',
    store,
    session,
  }: { route?: string; store?: AppStore; session?: Partial<RootState['session']> } = {},
) {
  const theStore =
    store ??
    makeStore(
      session
        ? {
            session: {
              status: 'signedOut',
              accessToken: null,
              ended: null,
              ...session,
            },
          }
        : undefined,
    );
  return {
    store: theStore,
    ...render(
      <AppProvider store={theStore}>
        <App component={false}>
          <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
        </App>
      </AppProvider>,
    ),
  };
}

/** A problem+json answer, as the API gives one. */
export const problemAnswer = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `https://sbm-crm.dev/problems/${code}`, title: code, status, code }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

/** A JSON answer. */
export const jsonAnswer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The path and method of a fetch call, however fetchBaseQuery made it. */
export async function requestOf(input: RequestInfo | URL, init?: RequestInit) {
  const request = input instanceof Request ? input : new Request(input, init);
  return {
    method: request.method,
    path: new URL(request.url).pathname,
    headers: request.headers,
    body: request.method === 'GET' ? undefined : await request.clone().text(),
  };
}
