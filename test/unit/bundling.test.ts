// Bundles take Node's built-ins as CommonJS modules: they must work as the imports did, and load less.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinAliases, esbuildOptions } from '../../cdk/bundling';
import { declarations } from '../../lib/manifest';

const dir = mkdtempSync(join(tmpdir(), 'sbm-bundling-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Named, namespace and default imports, with and without the node: prefix, and a dynamic import.
const source = `
import { readFileSync } from 'node:fs';
import * as crypto from 'node:crypto';
import zlib from 'zlib';
export async function handler() {
  const { AsyncLocalStorage } = await import('node:async_hooks');
  const store = new AsyncLocalStorage();
  return store.run('kept', () => ({
    own: readFileSync(new URL(import.meta.url)).length > 0,
    digest: crypto.createHash('sha256').update('sbm').digest('hex').slice(0, 8),
    roundTrip: zlib.gunzipSync(zlib.gzipSync('points')).toString(),
    store: store.getStore(),
    loaded: process.moduleLoadList.filter((name) => /fs\\/promises|crypto\\/webcrypto|readline/.test(name)),
  }));
}
`;

async function bundle(alias: Record<string, string>, name: string) {
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, source);
  const outfile = join(dir, `${name}.mjs`);
  await build({
    ...esbuildOptions(),
    sourcemap: false,
    alias,
    entryPoints: [entry],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** Imports the bundle in a fresh Node process, as a cold start does, and calls its handler. */
function coldCall(file: string) {
  const child = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { handler } = await import(${JSON.stringify(file)});
       process.stdout.write(JSON.stringify(await handler()));`,
    ],
    { encoding: 'utf8' },
  );
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as {
    own: boolean;
    digest: string;
    roundTrip: string;
    store: string;
    loaded: string[];
  };
}

describe('built-ins in bundles', () => {
  it('are required, not imported, and behave as imported ones do', async () => {
    const file = await bundle(builtinAliases(), 'required');
    expect(readFileSync(file, 'utf8')).not.toMatch(
      /(from|import\()\s*"(node:)?(fs|crypto|zlib|async_hooks|module)"/,
    );
    const result = coldCall(file);
    expect(result).toMatchObject({
      own: true,
      digest: coldCall(await bundle({}, 'imported')).digest,
      roundTrip: 'points',
      store: 'kept',
    });
    // What an ESM import would have loaded for its namespace stays unloaded.
    expect(result.loaded).toEqual([]);
    expect(coldCall(await bundle({}, 'imported')).loaded.length).toBeGreaterThan(0);
  });

  it('map both spellings of every built-in to a module that hands it over', () => {
    const aliases = builtinAliases();
    for (const [builtin, file] of Object.entries(aliases)) {
      const name = builtin.replace(/^node:/, '');
      expect(aliases[name]).toBe(file);
      expect(readFileSync(file, 'utf8')).toBe(`module.exports = process.getBuiltinModule('node:${name}');\n`);
    }
    expect(Object.keys(aliases)).toEqual(expect.arrayContaining(['node:fs', 'fs', 'node:crypto', 'crypto']));
  });

  it("map the built-ins' own modules too, which an alias of the built-in would send to a file that is not there", async () => {
    const entry = join(dir, 'subpath-entry.ts');
    writeFileSync(
      entry,
      `import { readFile } from 'node:fs/promises';\nimport { setTimeout } from 'timers/promises';\n` +
        `export const handler = async () => ({ own: (await readFile(new URL(import.meta.url))).length > 0, waited: await setTimeout(1, 'waited') });\n`,
    );
    const outfile = join(dir, 'subpaths.mjs');
    await build({ ...esbuildOptions(), sourcemap: false, entryPoints: [entry], outfile, logLevel: 'silent' });
    expect(readFileSync(outfile, 'utf8')).not.toMatch(/(from|import\()\s*"(node:)?(fs|timers)\/promises"/);
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { handler } = await import(${JSON.stringify(outfile)}); process.stdout.write(JSON.stringify(await handler()));`,
      ],
      { encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ own: true, waited: 'waited' });
  });
});

describe('the archive engines in bundles', () => {
  it('leave DuckDB out of every function: the cloud reports on Athena', async () => {
    const entry = join(dir, 'duckdb-entry.ts');
    writeFileSync(
      entry,
      `import { DuckDBInstance } from '@duckdb/node-api';\nexport const open = () => DuckDBInstance.create(':memory:');\n`,
    );
    const outfile = join(dir, 'duckdb.mjs');
    await build({ ...esbuildOptions(), sourcemap: false, entryPoints: [entry], outfile, logLevel: 'silent' });
    const text = readFileSync(outfile, 'utf8');
    expect(text).toMatch(/from\s*"@duckdb\/node-api"/);
    expect(text.length).toBeLessThan(2_000);
  });

  it('leave DuckDB unimported in the functions that query the archive until the local cloud opens it', async () => {
    const querying = declarations().filter(([, d]) => d.access.queriesArchive);
    expect(querying.length).toBeGreaterThan(0);
    for (const [name, declaration] of querying) {
      const outfile = join(dir, `${name}.mjs`);
      await build({
        ...esbuildOptions(),
        sourcemap: false,
        entryPoints: [declaration.handler],
        outfile,
        logLevel: 'silent',
      });
      const text = readFileSync(outfile, 'utf8');
      // A static import is linked at the cold start, where the runtime has no DuckDB.
      expect(text, name).not.toMatch(/(from|import)\s*"@duckdb\//);
      expect(text, name).toMatch(/import\("@duckdb\/node-api"\)/);
    }
  });
});
