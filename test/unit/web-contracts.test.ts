// The schemas the console validates with are the API's own, imported from lib/: these tests fail when that
// module graph reaches anything a browser cannot run (the AWS SDK, Node built-ins, process.env).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignDefinitionSchema as apiSchema } from '../../lib/campaigns/model';
import { campaignDefinitionSchema as consoleSchema } from '../../web/shared/src/contracts';

const ENTRY = resolve(__dirname, '../../web/shared/src/contracts/index.ts');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g;

/** Every file the module reaches, and every package it names, following relative imports. */
function moduleGraph(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier.replace(/(\.ts)?$/, '.ts')));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('the contracts the console shares with the API', () => {
  it('reach only zod and pure modules', () => {
    const { files, packages } = moduleGraph(ENTRY);
    expect([...packages].sort()).toEqual(['zod/mini', 'zod/v4/core']);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, `${file} reads the environment`).not.toMatch(/\bprocess\.|\bBuffer\b|require\(/);
    }
    expect([...files].some((file) => file.endsWith('lib/campaigns/definition.ts'))).toBe(true);
  });

  it('are the very schemas the API parses with, not copies', () => {
    expect(consoleSchema).toBe(apiSchema);
  });
});
