// A service is a folder: these tests keep domain code out of the top of lib/.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const lib = join(import.meta.dirname, '../../lib');

/** What every service uses and none owns; anything else belongs in lib/<service>/. */
const sharedPlumbing = [
  'aws-clients.ts',
  'calendar.ts',
  'config.ts',
  'lazy-schema.ts',
  'secrets.ts',
  'zod.ts',
];

describe('the lib/ layout', () => {
  it('keeps only shared plumbing beside the service folders', () => {
    const looseFiles = readdirSync(lib, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
    expect(
      looseFiles.filter((name) => !sharedPlumbing.includes(name)),
      'domain code goes in its service folder, lib/<service>/',
    ).toEqual([]);
  });
});
