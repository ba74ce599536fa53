// The first minute on a machine that lacks something: `npm start` says in one paragraph what is wrong and
// what to do, and exits 1 before DynamoDB Local starts; a data folder it can read is kept and upgraded.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../lib/local/cloud';
import { DATA_FORMAT_FILE, LOCAL_DATA_FORMAT } from '../../lib/local/data-format';
import { freePort, startTestCloud } from '../support/local-cloud';

const START_SCRIPT = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start;

const folders: string[] = [];
const folder = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), `sbm-crm-first-run-${prefix}-`));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A PATH folder that holds this Node as `node` and nothing else (no java), plus any programs given. */
function pathWith(programs: Record<string, string> = {}) {
  const bin = folder('bin');
  symlinkSync(process.execPath, join(bin, 'node'));
  for (const [name, script] of Object.entries(programs)) {
    writeFileSync(join(bin, name), script);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

/** Runs the start script as `npm start` does: in the repository, with its node_modules/.bin on the PATH. */
function npmStart(env: { PATH: string } & Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', START_SCRIPT], {
      cwd: REPO_ROOT,
      // A process group of its own, so a start that went too far is stopped whole, Java included.
      detached: true,
      env: {
        HOME: process.env.HOME ?? tmpdir(),
        CRM_LOG_LEVEL: 'SILENT',
        ...env,
        PATH: `${env.PATH}:${join(REPO_ROOT, 'node_modules', '.bin')}`,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    // A start that got as far as the cloud has failed the test; it must not keep running.
    const deadline = setTimeout(() => process.kill(-child.pid!, 'SIGTERM'), 15_000);
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
}

/** One paragraph on stderr, no stack trace, nothing on stdout, exit code 1. */
function expectRefusal(run: { code: number | null; stdout: string; stderr: string }) {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim()).not.toMatch(/\n\s*\n/);
  expect(run.stderr).not.toMatch(/^\s+at |Error\b/m);
}

const JAVA_INSTALL_STEPS = [
  'needs a Java 17 or later runtime',
  '`sudo apt-get install -y openjdk-17-jre-headless`',
  '`brew install openjdk@17`',
  '/Library/Java/JavaVirtualMachines/openjdk-17.jdk',
  '`winget install Microsoft.OpenJDK.17`',
  '`npm test` needs it too',
];

describe('npm start on a machine that lacks something', () => {
  it('without Java says how to install Java 17 on each system and exits 1', async () => {
    const run = await npmStart({ PATH: pathWith(), CRM_DATA: 'memory', PORT: '0' });
    expectRefusal(run);
    const message = run.stderr.replace(/\s+/g, ' ');
    for (const step of JAVA_INSTALL_STEPS) expect(message).toContain(step);
    expect(message).toContain('`java` could not be run (not found on the PATH)');
  });

  it('with a Java older than 17 names it and says the same', async () => {
    const java8 =
      "#!/bin/sh\necho 'java version \"1.8.0_391\"' >&2\necho 'Java(TM) SE Runtime Environment' >&2\n";
    const run = await npmStart({ PATH: pathWith({ java: java8 }), CRM_DATA: 'memory', PORT: '0' });
    expectRefusal(run);
    const message = run.stderr.replace(/\s+/g, ' ');
    for (const step of JAVA_INSTALL_STEPS) expect(message).toContain(step);
    expect(message).toContain('the `java` on the PATH is Java 8 (java version "1.8.0_391")');
  });

  it('with its port taken names the port and PORT, and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await npmStart({ PATH: `${process.env.PATH}`, CRM_DATA: 'memory', PORT: String(port) });
      expectRefusal(run);
      const message = run.stderr.replace(/\s+/g, ' ');
      expect(message).toContain(`Port ${port} is already in use`);
      expect(message).toContain(`\`PORT=${port + 1} npm start\``);
    } finally {
      taken.close();
    }
  });

  it('on a data folder of a newer format refuses it, untouched, saying how to upgrade or start over', async () => {
    const dataDir = folder('data');
    writeFileSync(join(dataDir, DATA_FORMAT_FILE), `${LOCAL_DATA_FORMAT + 1}\n`);
    const run = await npmStart({
      PATH: `${process.env.PATH}`,
      CRM_DATA_DIR: dataDir,
      PORT: String(await freePort()),
    });
    expectRefusal(run);
    const message = run.stderr.replace(/\s+/g, ' ');
    expect(message).toContain(`The data folder ${dataDir} was written by a newer version of SBM CRM`);
    expect(message).toContain('`git pull && npm ci`');
    expect(message).toContain(`\`mv "${dataDir}" "${dataDir}-format-${LOCAL_DATA_FORMAT + 1}"\``);
    // DynamoDB Local never started on it.
    expect(existsSync(join(dataDir, 'dynamodb'))).toBe(false);
    expect(readFileSync(join(dataDir, DATA_FORMAT_FILE), 'utf8')).toBe(`${LOCAL_DATA_FORMAT + 1}\n`);
  });
});

describe('a data folder that records no format (new, or kept from before formats were recorded)', () => {
  it('is upgraded and started on as before, and then records this format', { timeout: 60_000 }, async () => {
    const dir = folder('older');
    const cloud = await startTestCloud({ data: { dir } });
    try {
      expect((await fetch(`${cloud.url}/health`)).status).toBe(200);
      expect(readFileSync(join(dir, DATA_FORMAT_FILE), 'utf8')).toBe(`${LOCAL_DATA_FORMAT}\n`);
    } finally {
      await cloud.stop();
    }
  });
});
