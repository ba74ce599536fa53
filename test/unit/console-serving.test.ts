// How the local cloud serves the built console, and when it counts a build as stale.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_APP, BOOKING_CSP, CONSOLE_CSP, serveConsole, serveWebApp } from '../../lib/local/console';
import {
  consoleBuildIsCurrent,
  consoleSourceHash,
  WEB_APPS,
  webSourceHash,
} from '../../lib/local/console-build';

/** A server of the console in `dir` alone, as the cloud mounts it. */
async function consoleServer(dir: string) {
  const server = createServer((request, response) => {
    void serveConsole(dir, new URL(request.url!, 'http://x').pathname, request.method!, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the console as the local cloud serves it', () => {
  const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
  let server: Server;
  let url: string;
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, '.vite'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><script type="module" src="/console/assets/index-abc.js"></script>',
    );
    writeFileSync(join(dist, 'assets/index-abc.js'), 'console.log(1)');
    writeFileSync(join(dist, '.vite/manifest.json'), '{}');
    ({ server, url } = await consoleServer(dist));
  });
  afterAll(() => server.close());

  it('answers index.html for the console and every client route, never cached', async () => {
    for (const path of ['/console/', '/console/customers', '/console/stores/demo-store']) {
      const response = await fetch(url + path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<script type="module"');
    }
  });

  it('serves hashed assets for a year, immutable', async () => {
    const response = await fetch(`${url}/console/assets/index-abc.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends a content security policy without inline script', async () => {
    const response = await fetch(`${url}/console/`);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toBe(CONSOLE_CSP);
    expect(csp).toContain("script-src 'self'");
    expect(csp.match(/script-src[^;]*/)![0]).not.toContain('unsafe');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for a missing asset rather than the page, and hides dot files and what is outside', async () => {
    for (const path of [
      '/console/assets/gone-123.js',
      '/console/.vite/manifest.json',
      '/console/..%2f..%2fpackage.json',
      '/console/.source-hash',
    ])
      expect((await fetch(url + path)).status, path).toBe(404);
  });

  it('moves /console to /console/', async () => {
    const response = await fetch(`${url}/console`, { redirect: 'manual' });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/console/');
  });

  it('says how to build the console when it is not built', async () => {
    const empty = await consoleServer(mkdtempSync(join(tmpdir(), 'console-none-')));
    const response = await fetch(`${empty.url}/console/`);
    empty.server.close();
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run console:build');
  });
});

describe('the booking PWA as the local cloud serves it', () => {
  const dist = mkdtempSync(join(tmpdir(), 'booking-dist-'));
  let server: Server;
  let url: string;
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><link rel="manifest" href="/book/manifest.webmanifest">',
    );
    writeFileSync(join(dist, 'assets/index-abc.js'), 'console.log(1)');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Mall bookings"}');
    server = createServer((request, response) => {
      void serveWebApp(
        BOOKING_APP,
        dist,
        new URL(request.url!, 'http://x').pathname,
        request.method!,
        response,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('answers index.html under /book/ for its client routes, with the console’s policy plus its worker and manifest', async () => {
    for (const path of ['/book/', '/book/bookings', '/book/venues/demo-workshop']) {
      const response = await fetch(url + path);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain('manifest.webmanifest');
      expect(response.headers.get('content-security-policy')).toBe(BOOKING_CSP);
    }
    expect(BOOKING_CSP.startsWith(CONSOLE_CSP)).toBe(true);
    expect(BOOKING_CSP).toContain("worker-src 'self'");
    expect(BOOKING_CSP).toContain("manifest-src 'self'");
    expect(BOOKING_CSP.match(/script-src[^;]*/)![0]).not.toContain('unsafe');
  });

  it('serves the service worker revalidated on every load, and the manifest as a web app manifest', async () => {
    const worker = await fetch(`${url}/book/sw.js`);
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const manifest = await fetch(`${url}/book/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    expect((await fetch(`${url}/book/assets/index-abc.js`)).headers.get('cache-control')).toContain(
      'immutable',
    );
  });

  it('moves /book to /book/, refuses writes, and says how to build it when it is not built', async () => {
    const moved = await fetch(`${url}/book`, { redirect: 'manual' });
    expect(moved.status).toBe(308);
    expect(moved.headers.get('location')).toBe('/book/');
    expect((await fetch(`${url}/book/`, { method: 'POST' })).status).toBe(405);
    const empty = createServer((request, response) => {
      void serveWebApp(
        BOOKING_APP,
        mkdtempSync(join(tmpdir(), 'booking-none-')),
        request.url!,
        'GET',
        response,
      );
    });
    await new Promise<void>((resolve) => empty.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(empty.address() as AddressInfo).port}/book/`);
    empty.close();
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run booking:build');
  });
});

describe('the console build stamp', () => {
  function repo() {
    const root = mkdtempSync(join(tmpdir(), 'console-repo-'));
    mkdirSync(join(root, 'web/console/src'), { recursive: true });
    mkdirSync(join(root, 'web/shared/src'), { recursive: true });
    writeFileSync(join(root, 'web/console/src/main.tsx'), 'one');
    writeFileSync(join(root, 'web/shared/src/format.ts'), 'two');
    writeFileSync(join(root, 'package-lock.json'), '{}');
    return root;
  }

  it('changes with any source of the console or the shared code, or the locked dependencies', () => {
    const root = repo();
    const before = consoleSourceHash(root);
    for (const [file, content] of [
      ['web/console/src/main.tsx', 'one!'],
      ['web/shared/src/format.ts', 'two!'],
      ['package-lock.json', '{"lockfileVersion":3}'],
      ['web/console/src/new.css', 'body{}'],
    ]) {
      const was = consoleSourceHash(root);
      writeFileSync(join(root, file!), content!);
      expect(consoleSourceHash(root), file).not.toBe(was);
    }
    expect(consoleSourceHash(root)).not.toBe(before);
  });

  it('ignores tests, the build itself and dot folders', () => {
    const root = repo();
    const before = consoleSourceHash(root);
    mkdirSync(join(root, 'web/console/dist'));
    mkdirSync(join(root, 'web/console/dist.next-1'));
    mkdirSync(join(root, 'web/console/.vite'));
    writeFileSync(join(root, 'web/console/src/main.test.tsx'), 'test');
    writeFileSync(join(root, 'web/console/dist/index.html'), 'built');
    writeFileSync(join(root, 'web/console/dist.next-1/index.html'), 'building');
    writeFileSync(join(root, 'web/console/.vite/cache'), 'cache');
    expect(consoleSourceHash(root)).toBe(before);
  });

  it('keeps the booking PWA’s stamp apart: its sources change its hash and not the console’s', () => {
    const root = repo();
    mkdirSync(join(root, 'web/booking/src'), { recursive: true });
    writeFileSync(join(root, 'web/booking/src/main.tsx'), 'three');
    const consoleHash = consoleSourceHash(root);
    const booking = webSourceHash(WEB_APPS.booking, root);
    writeFileSync(join(root, 'web/booking/src/main.tsx'), 'three!');
    expect(webSourceHash(WEB_APPS.booking, root)).not.toBe(booking);
    expect(consoleSourceHash(root)).toBe(consoleHash);
    // Both are built from the shared code.
    writeFileSync(join(root, 'web/shared/src/format.ts'), 'shared!');
    expect(webSourceHash(WEB_APPS.booking, root)).not.toBe(booking);
    expect(consoleSourceHash(root)).not.toBe(consoleHash);
  });

  it('counts a build current only when it is there with the stamp of the sources', () => {
    const dist = mkdtempSync(join(tmpdir(), 'console-stamp-'));
    expect(consoleBuildIsCurrent(dist, 'abc')).toBe(false);
    writeFileSync(join(dist, 'index.html'), '');
    writeFileSync(join(dist, '.source-hash'), 'abc');
    expect(consoleBuildIsCurrent(dist, 'abc')).toBe(true);
    expect(consoleBuildIsCurrent(dist, 'abd')).toBe(false);
  });
});
