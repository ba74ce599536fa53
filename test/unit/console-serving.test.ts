// How the local cloud serves the built console, and when it counts a build as stale.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP, serveConsole } from '../../lib/local/console';
import { consoleBuildIsCurrent, consoleSourceHash } from '../../lib/local/console-build';

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

  it('counts a build current only when it is there with the stamp of the sources', () => {
    const dist = mkdtempSync(join(tmpdir(), 'console-stamp-'));
    expect(consoleBuildIsCurrent(dist, 'abc')).toBe(false);
    writeFileSync(join(dist, 'index.html'), '');
    writeFileSync(join(dist, '.source-hash'), 'abc');
    expect(consoleBuildIsCurrent(dist, 'abc')).toBe(true);
    expect(consoleBuildIsCurrent(dist, 'abd')).toBe(false);
  });
});
