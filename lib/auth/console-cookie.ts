import { setCookie, type CookieAttributes } from '../http/cookies';
import { Problem } from '../http/problem';

/**
 * The staff console keeps its refresh token in a cookie its scripts cannot read, so that a script
 * injected into the page cannot take the session away with it; the access token lives in memory only.
 */
export const CONSOLE_REFRESH_COOKIE = 'sbm_console_refresh';
/** The console's session routes, the only ones the browser sends the cookie to. */
export const CONSOLE_COOKIE_PATH = '/v1/admin/auth';
/** The header by which the console asks for its session in the cookie, and which its cookie routes require. */
export const CONSOLE_CLIENT_HEADER = 'X-Sbm-Client';
export const CONSOLE_CLIENT = 'console';

/*
 * Why a cookie route needs no CSRF token: the cookie is SameSite=Strict, so a browser sends it only on
 * requests from our own site; and its routes require the X-Sbm-Client header, which no cross-site form
 * can send, and which a cross-site script can send only after a CORS preflight that our answers never
 * allow with credentials (no Access-Control-Allow-Credentials), so the cookie would not go with it.
 */

const cookieAttributes = (maxAge: number): CookieAttributes => ({
  httpOnly: true,
  // Kept on http://localhost too: browsers count it as a secure context and take Secure cookies there.
  secure: true,
  sameSite: 'Strict',
  path: CONSOLE_COOKIE_PATH,
  maxAge,
});

/** The Set-Cookie of a refresh token, kept by the browser as long as the token is good. */
export function consoleRefreshCookie(refreshToken: string, expiresAt: number, now = new Date()) {
  const remaining = Math.max(0, expiresAt - Math.floor(now.getTime() / 1000));
  return setCookie(CONSOLE_REFRESH_COOKIE, refreshToken, cookieAttributes(remaining));
}

/** The Set-Cookie that deletes the console's refresh cookie. */
export const clearedConsoleRefreshCookie = () => setCookie(CONSOLE_REFRESH_COOKIE, '', cookieAttributes(0));

/** Whether a request comes from the console, which takes its refresh token as a cookie. */
export const isConsoleClient = (headers: Record<string, string | undefined>) =>
  headers[CONSOLE_CLIENT_HEADER.toLowerCase()]?.trim() === CONSOLE_CLIENT;

export const consoleHeaderRequired = () =>
  new Problem(
    403,
    'CONSOLE_HEADER_REQUIRED',
    'Forbidden',
    `Send ${CONSOLE_CLIENT_HEADER}: ${CONSOLE_CLIENT}; this route is the staff console's.`,
  );

/** Refuses a request without the console's header before anything is read or changed. */
export function requireConsoleClient(headers: Record<string, string | undefined>) {
  if (!isConsoleClient(headers)) throw consoleHeaderRequired();
}
