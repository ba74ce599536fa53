import { useSyncExternalStore } from 'react';

/**
 * Whether the PWA can reach the API: the browser's own idea (navigator.onLine and its online/offline
 * events), and what the last call found (a call failing without an answer marks it offline until a call
 * succeeds or the browser says it is online again). One store, read by the offline banner.
 */
let failedFetch = false;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

export const connectivity = {
  /** A call got no answer (NETWORK_ERROR). */
  fetchFailed() {
    if (failedFetch) return;
    failedFetch = true;
    notify();
  },
  /** A call was answered. */
  fetchSucceeded() {
    if (!failedFetch) return;
    failedFetch = false;
    notify();
  },
  isOnline: () => (globalThis.navigator?.onLine ?? true) && !failedFetch,
  subscribe(listener: () => void) {
    const online = () => {
      failedFetch = false;
      listener();
    };
    listeners.add(listener);
    globalThis.addEventListener?.('online', online);
    globalThis.addEventListener?.('offline', listener);
    return () => {
      listeners.delete(listener);
      globalThis.removeEventListener?.('online', online);
      globalThis.removeEventListener?.('offline', listener);
    };
  },
};

export const useOnline = () =>
  useSyncExternalStore(connectivity.subscribe, connectivity.isOnline, () => true);
