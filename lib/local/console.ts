import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

/** Where the staff console is served: the same origin as the API, as CloudFront serves it. */
export const CONSOLE_PATH = '/console/';
/** Where the member booking PWA is served, beside the console on the same origin. */
export const BOOKING_PATH = '/book/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * No inline script, no eval, nothing from elsewhere (a picture chosen for upload previews as a blob:
 * URL of the page's own). Styles may be inline: Ant Design writes its
 * component styles into <style> elements at run time.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The console's policy, and the service worker and web app manifest of the PWA's own origin (which
 * default-src would allow too; named, they survive a stricter default).
 */
export const BOOKING_CSP = [CONSOLE_CSP, "worker-src 'self'", "manifest-src 'self'"].join('; ');

/** A front end the local cloud serves from its build folder: where, under which policy, and what it is called. */
export interface ServedWebApp {
  /** The path it is served under, with its trailing slash. */
  path: string;
  csp: string;
  /** What the 503 says when it is not built. */
  notBuilt: string;
}

export const CONSOLE_APP: ServedWebApp = {
  path: CONSOLE_PATH,
  csp: CONSOLE_CSP,
  notBuilt: 'The staff console is not built. npm start builds it; or run npm run console:build.',
};

export const BOOKING_APP: ServedWebApp = {
  path: BOOKING_PATH,
  csp: BOOKING_CSP,
  notBuilt: 'The booking PWA is not built. npm start builds it; or run npm run booking:build.',
};

const securityHeaders = (app: ServedWebApp) => ({
  'content-security-policy': app.csp,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
});

/** Hashed file names never change content: a year, immutable. Everything else is asked again each time. */
const cacheControlOf = (relative: string) =>
  relative.startsWith(`assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';

async function fileIn(dir: string, relative: string) {
  const path = join(dir, relative);
  try {
    return (await stat(path)).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

function sendText(
  app: ServedWebApp,
  response: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
) {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...securityHeaders(app),
    ...extra,
  });
  response.end(text);
}

/**
 * Serves a built front end (its dist folder) under its path: files as they are, and index.html for
 * every client route (a path without a file extension), so a reload on /console/customers works.
 */
export async function serveWebApp(
  app: ServedWebApp,
  dir: string,
  path: string,
  method: string,
  response: ServerResponse,
) {
  if (path === app.path.slice(0, -1)) {
    response.writeHead(308, { location: app.path });
    return void response.end();
  }
  if (method !== 'GET' && method !== 'HEAD')
    return sendText(app, response, 405, 'Method not allowed', { allow: 'GET, HEAD' });
  let relative: string;
  try {
    const requested = decodeURIComponent(path.slice(app.path.length));
    relative = requested ? normalize(requested) : '';
  } catch {
    return sendText(app, response, 400, 'Bad path');
  }
  // Nothing outside the build, and none of its dot files (.vite/manifest.json, the build stamp).
  if (relative.startsWith('..') || relative.split(sep).some((part) => part.startsWith('.')))
    return sendText(app, response, 404, 'Not found');

  const index = await fileIn(dir, 'index.html');
  if (!index) return sendText(app, response, 503, app.notBuilt, { 'retry-after': '5' });
  const file = relative ? await fileIn(dir, relative) : undefined;
  // A missing asset is a 404: serving index.html as a script would only hide the fault.
  if (!file && extname(relative) !== '') return sendText(app, response, 404, 'Not found');
  const served = file ?? index;
  const body = await readFile(served);
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(served)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': file ? cacheControlOf(relative) : 'no-cache',
    ...securityHeaders(app),
  });
  response.end(method === 'HEAD' ? undefined : body);
}

/** The staff console under /console/. */
export const serveConsole = (dir: string, path: string, method: string, response: ServerResponse) =>
  serveWebApp(CONSOLE_APP, dir, path, method, response);
