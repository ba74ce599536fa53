// Stacks logged by a bundled function name the source lines, read from the map beside the bundle.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { functionBundling } from '../../cdk/bundling';
import { logValue } from '../../lib/observability';
import { sourceMappedStack } from '../../lib/observability/source-mapped-stacks';

const dir = mkdtempSync(join(tmpdir(), 'sbm-stacks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles the source as CDK does, and a stack frame at its `throw` as V8 would write it. */
async function bundled(sourcemap: boolean) {
  const entry = join(dir, 'refund-rule.ts');
  writeFileSync(entry, source);
  const outfile = join(dir, sourcemap ? 'mapped.mjs' : 'unmapped.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    sourcemap,
    sourcesContent: functionBundling.sourcesContent,
    logLevel: 'silent',
  });
  const lines = readFileSync(outfile, 'utf8').split('\n');
  const line = lines.findIndex((text) => text.includes('new Error'));
  const column = lines[line]!.indexOf('new Error');
  return `Error: no refunds\n    at run (${pathToFileURL(outfile).href}:${line + 1}:${column + 1})`;
}

const source = [
  'export function run() {',
  '  const refunds: number[] = [];',
  "  if (refunds.length === 0) throw new Error('no refunds');",
  '}',
  '',
].join('\n');

describe('sourceMappedStack', () => {
  it('gives a minified bundle position as its source file, line and column', async () => {
    const stack = await bundled(true);
    const mapped = sourceMappedStack(stack);
    expect(mapped).toMatch(/at run \(.*refund-rule\.ts:3:\d+\)$/);
    expect(mapped).not.toContain('mapped.mjs');
  });

  it('is applied to every stack the logger writes, PII still masked', async () => {
    const logged = JSON.stringify({ error: { stack: await bundled(true), phone: '13800138000' } }, logValue);
    expect(logged).toMatch(/refund-rule\.ts:3:\d+/);
    expect(logged).not.toContain('13800138000');
  });

  it('leaves positions of files without a map as they are', async () => {
    const stack = await bundled(false);
    expect(sourceMappedStack(stack)).toBe(stack);
    expect(sourceMappedStack('Error: x\n    at f (/nowhere/index.mjs:1:2)')).toBe(
      'Error: x\n    at f (/nowhere/index.mjs:1:2)',
    );
  });
});
