import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usePrefersReducedMotion } from './provider';

/** A stand-in for the browser's media query, whose answer the test changes. */
function reducedMotionQuery(matches: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    matches,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal('matchMedia', (text: string) => {
    expect(text).toBe('(prefers-reduced-motion: reduce)');
    return query;
  });
  return {
    change(to: boolean) {
      query.matches = to;
      listeners.forEach((listener) => listener());
    },
    listening: () => listeners.size,
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('reduced motion', () => {
  it('follows the system setting, and its changes while the console is open', () => {
    const query = reducedMotionQuery(false);
    const { result, unmount } = renderHook(() => usePrefersReducedMotion());
    expect(result.current).toBe(false);
    act(() => query.change(true));
    expect(result.current).toBe(true);
    unmount();
    expect(query.listening()).toBe(0);
  });
});
