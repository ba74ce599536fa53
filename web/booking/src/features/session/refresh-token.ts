/**
 * Where the member's refresh token survives a reload. The API gives members their refresh token in the
 * answer's body (the HttpOnly cookie is the staff console's alone, X-Sbm-Client: console), so the PWA has
 * no better place than localStorage: the token is opaque, good once (each renewal rotates it, and a reused
 * one revokes the whole session), and the CSP allows no script but the PWA's own. The access token is
 * never stored.
 */
const KEY = 'sbm.booking.refreshToken';

export const refreshTokenStore = {
  get(): string | null {
    try {
      return globalThis.localStorage?.getItem(KEY) ?? null;
    } catch {
      return null;
    }
  },
  set(token: string) {
    try {
      globalThis.localStorage?.setItem(KEY, token);
    } catch {
      // Private browsing may refuse storage: the session then lasts as long as the tab.
    }
  },
  clear() {
    try {
      globalThis.localStorage?.removeItem(KEY);
    } catch {
      // Nothing stored.
    }
  },
};
