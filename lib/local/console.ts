import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

/** Where the staff console is served: the same origin as the API, as CloudFront serves it. */
export const CONSOLE_PATH = '/console/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
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

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

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
  response: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
) {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
    ...extra,
  });
  response.end(text);
}

/**
 * Serves the built console (its dist folder) under /console/: files as they are, and index.html for
 * every client route (a path without a file extension), so a reload on /console/customers works.
 */
export async function serveConsole(dir: string, path: string, method: string, response: ServerResponse) {
  if (path === '/console') {
    response.writeHead(308, { location: CONSOLE_PATH });
    return void response.end();
  }
  if (method !== 'GET' && method !== 'HEAD')
    return sendText(response, 405, 'Method not allowed', { allow: 'GET, HEAD' });
  let relative: string;
  try {
    const requested = decodeURIComponent(path.slice(CONSOLE_PATH.length));
    relative = requested ? normalize(requested) : '';
  } catch {
    return sendText(response, 400, 'Bad path');
  }
  // Nothing outside the build, and none of its dot files (.vite/manifest.json, the build stamp).
  if (relative.startsWith('..') || relative.split(sep).some((part) => part.startsWith('.')))
    return sendText(response, 404, 'Not found');

  const index = await fileIn(dir, 'index.html');
  if (!index)
    return sendText(
      response,
      503,
      'The staff console is not built. npm start builds it; or run npm run console:build.',
      { 'retry-after': '5' },
    );
  const file = relative ? await fileIn(dir, relative) : undefined;
  // A missing asset is a 404: serving index.html as a script would only hide the fault.
  if (!file && extname(relative) !== '') return sendText(response, 404, 'Not found');
  const served = file ?? index;
  const body = await readFile(served);
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(served)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': file ? cacheControlOf(relative) : 'no-cache',
    ...SECURITY_HEADERS,
  });
  response.end(method === 'HEAD' ? undefined : body);
}
