import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectivity } from '../lib/connectivity';
import { i18n } from '../lib/i18n';
import { renderWithProviders } from '../testing/render';
import { OfflineBanner } from './offline-banner';

const goOffline = () => {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
  window.dispatchEvent(new Event('offline'));
};
const goOnline = () => {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
  window.dispatchEvent(new Event('online'));
};

describe('the offline banner', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    connectivity.fetchSucceeded();
  });

  it('shows nothing online, and appears and goes with the browser’s offline and online events', () => {
    renderWithProviders(<OfflineBanner />);
    expect(screen.getByRole('status').textContent).toBe('');
    act(goOffline);
    expect(screen.getByRole('status').textContent).toContain('当前处于离线状态');
    act(goOnline);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('appears when a call gets no answer though the browser thinks it is online, until a call succeeds', () => {
    renderWithProviders(<OfflineBanner />);
    act(() => connectivity.fetchFailed());
    expect(screen.getByRole('status').textContent).toContain('离线');
    act(() => connectivity.fetchSucceeded());
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('speaks English when the member chose it', async () => {
    await i18n.changeLanguage('en-US');
    renderWithProviders(<OfflineBanner online={false} />);
    expect(screen.getByRole('status').textContent).toContain(
      'Offline You are offline. This is what was saved last time and may not be current.',
    );
  });
});
