/** What a cookie the API sets asks of the browser, written in this order after its name and value. */
export interface CookieAttributes {
  /** Out of reach of the page's scripts. */
  httpOnly: true;
  /** Sent over HTTPS only (and to http://localhost, which browsers count as secure). */
  secure: true;
  sameSite: 'Strict' | 'Lax';
  path: `/${string}`;
  /** Seconds the browser keeps it; 0 deletes it. */
  maxAge: number;
}

/** RFC 6265 cookie-name (a token) and cookie-value (no spaces, quotes, commas, semicolons or backslashes). */
const COOKIE_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/** A Set-Cookie header value. */
export function setCookie(name: string, value: string, attributes: CookieAttributes): string {
  if (!COOKIE_NAME.test(name)) throw new Error(`Not a cookie name: ${name}`);
  if (!COOKIE_VALUE.test(value))
    throw new Error(`The value of cookie ${name} holds characters a cookie cannot`);
  if (!Number.isInteger(attributes.maxAge) || attributes.maxAge < 0)
    throw new Error(`Max-Age of cookie ${name} must be a whole number of seconds, not ${attributes.maxAge}`);
  return [
    `${name}=${value}`,
    'HttpOnly',
    'Secure',
    `SameSite=${attributes.sameSite}`,
    `Path=${attributes.path}`,
    `Max-Age=${attributes.maxAge}`,
  ].join('; ');
}

/**
 * The cookies of a request, from every Cookie header it carries (HTTP/2 clients may split them over
 * several), as `name=value` pairs separated by semicolons. A name given twice keeps its first value, the
 * one the browser sends first (its most specific path); pairs that are no cookie are skipped.
 */
export function parseCookies(headers: readonly string[]): ReadonlyMap<string, string> {
  const cookies = new Map<string, string>();
  for (const header of headers)
    for (const pair of header.split(';')) {
      const separator = pair.indexOf('=');
      if (separator < 0) continue;
      const name = pair.slice(0, separator).trim();
      let value = pair.slice(separator + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      if (!COOKIE_NAME.test(name) || !COOKIE_VALUE.test(value) || cookies.has(name)) continue;
      cookies.set(name, value);
    }
  return cookies;
}
