import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { AppProvider } from '../app/provider';
import { makeStore, type AppStore } from '../app/store';

/** A component inside the PWA's providers and a router at `route`, with a store of its own. */
export function renderWithProviders(
  ui: ReactElement,
  { route = '/', store }: { route?: string; store?: AppStore } = {},
) {
  const theStore = store ?? makeStore();
  return {
    store: theStore,
    ...render(
      <AppProvider store={theStore}>
        <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
      </AppProvider>,
    ),
  };
}
