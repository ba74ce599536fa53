// Cookies as the API writes and reads them: the console's refresh cookie with exactly its attributes,
// and the Cookie headers of a request however the client split them.
import { describe, expect, it } from 'vitest';
import {
  clearedConsoleRefreshCookie,
  consoleRefreshCookie,
  isConsoleClient,
  requireConsoleClient,
} from '../../lib/auth/console-cookie';
import { parseCookies, setCookie } from '../../lib/http/cookies';

const token = 'ZdGQjsiH3jLEqgOCHnk0AA7TOsgV68_uiGpjgxoAVuE';

describe("the console's refresh cookie", () => {
  it('holds the token with exactly the attributes the console relies on, kept for what is left of its life', () => {
    const now = new Date('2026-12-06T06:00:00.250Z');
    const expiresAt = Math.floor(now.getTime() / 1000) + 30 * 86_400;
    expect(consoleRefreshCookie(token, expiresAt, now)).toBe(
      `sbm_console_refresh=${token}; HttpOnly; Secure; SameSite=Strict; Path=/v1/admin/auth; Max-Age=2592000`,
    );
    expect(consoleRefreshCookie(token, expiresAt, new Date(now.getTime() + 3_600_000))).toMatch(
      /; Max-Age=2588400$/,
    );
  });

  it('is never kept longer than nothing once its token has expired', () => {
    const now = new Date('2026-12-06T06:00:00Z');
    expect(consoleRefreshCookie(token, now.getTime() / 1000 - 5, now)).toMatch(/; Max-Age=0$/);
  });

  it('is deleted by a Set-Cookie with the same attributes, an empty value and Max-Age=0', () => {
    expect(clearedConsoleRefreshCookie()).toBe(
      'sbm_console_refresh=; HttpOnly; Secure; SameSite=Strict; Path=/v1/admin/auth; Max-Age=0',
    );
  });

  it('is asked for with X-Sbm-Client: console, and its routes refuse a request without it', () => {
    expect(isConsoleClient({ 'x-sbm-client': 'console' })).toBe(true);
    for (const headers of [{}, { 'x-sbm-client': 'Console' }, { 'x-sbm-client': 'mini-program' }]) {
      expect(isConsoleClient(headers)).toBe(false);
      expect(() => requireConsoleClient(headers)).toThrow(
        expect.objectContaining({ status: 403, code: 'CONSOLE_HEADER_REQUIRED' }),
      );
    }
  });
});

describe('setCookie', () => {
  it('refuses a value a Cookie header could not carry back, and a Max-Age that is no whole number', () => {
    const attributes = {
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/v1/admin/auth',
      maxAge: 60,
    } as const;
    expect(() => setCookie('a', 'b;c', attributes)).toThrow(/characters a cookie cannot/);
    expect(() => setCookie('a', 'b c', attributes)).toThrow(/characters a cookie cannot/);
    expect(() => setCookie('a b', 'c', attributes)).toThrow(/Not a cookie name/);
    expect(() => setCookie('a', 'b', { ...attributes, maxAge: 1.5 })).toThrow(/Max-Age/);
    expect(() => setCookie('a', 'b', { ...attributes, maxAge: -1 })).toThrow(/Max-Age/);
    expect(setCookie('a', 'b', { ...attributes, sameSite: 'Lax', path: '/' })).toBe(
      'a=b; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=60',
    );
  });
});

describe('parseCookies', () => {
  it('reads every pair of every Cookie header, the first value of a name given twice', () => {
    const cookies = parseCookies([
      `theme=dark; sbm_console_refresh=${token}`,
      'sbm_console_refresh=later; lang="zh-CN"',
    ]);
    expect(Object.fromEntries(cookies)).toEqual({
      theme: 'dark',
      sbm_console_refresh: token,
      lang: 'zh-CN',
    });
  });

  it('skips what is no cookie and keeps an empty value', () => {
    const cookies = parseCookies(['novalue; =nameless; bad name=1; ok=; sp ace=x; x=a b; y=z']);
    expect(Object.fromEntries(cookies)).toEqual({ ok: '', y: 'z' });
    expect(parseCookies([]).size).toBe(0);
  });
});
