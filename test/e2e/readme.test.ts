// The README's "Try it" and staff walkthrough run as written, in bash, against a freshly started local
// cloud: every curl must succeed (-f), and what the comments promise must be in the answers.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../lib/local/cloud';
import { ADMIN, startTestCloud } from '../support/local-cloud';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** The `sh` code blocks of a README section (from its `## ` heading to the next). */
function shellBlocksOf(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`The README has no section "${heading}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/**
 * The steps with the two values a reader fills in replaced: where the API listens, and the admin's
 * password. Each must be set on a line of its own, once.
 */
function stepsFor(apiUrl: string, password: string) {
  const script = [...shellBlocksOf(README, 'Try it'), ...shellBlocksOf(README, 'A staff walkthrough')].join(
    '\n',
  );
  const lines = script.split('\n');
  const replace = (name: string, value: string) => {
    const at = lines.flatMap((line, index) => (line.startsWith(`${name}=`) ? [index] : []));
    expect(at, `${name}= is set on one line of the README's steps`).toHaveLength(1);
    lines[at[0]!] = `${name}='${value}'`;
  };
  replace('API', apiUrl);
  replace('PASSWORD', password);
  return lines.join('\n');
}

function runBash(script: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('bash', ['-c', `set -euo pipefail\n${script}`], { cwd: REPO_ROOT, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    // A wait loop that never ends has failed the test; it must not keep running.
    const deadline = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("the README's steps", () => {
  let cloud: Awaited<ReturnType<typeof startTestCloud>>;
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  it('find the API at the address npm start prints, and the admin npm start seeds', () => {
    expect(README).toMatch(/^API=http:\/\/localhost:3000$/m);
    expect(README).toContain(`"email":"${ADMIN.email}"`);
  });

  it('run as written on a fresh cloud, and again on the same data', async () => {
    const steps = stepsFor(cloud.url, ADMIN.password);
    const first = await runBash(steps);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // The sale is accepted and credited: 128 points on a new member's account.
    expect(first.stdout).toContain('"status":"accepted"');
    expect(first.stdout).toMatch(/"balance":128,/);
    expect(first.stdout).toContain('"kind":"welcome"');
    expect(first.stdout).toContain('"touser": "openid-alice"');
    // The campaign is active, awarded its bonus once, and the coupon was taken at the till.
    expect(first.stdout).toContain('"status":"active"');
    expect(first.stdout).toMatch(/"pointsAwarded":50,"participants":1,"awards":1/);
    expect(first.stdout).toContain('"rewardName":"Coffee for two","status":"redeemed"');
    // The day's sales and the audit trail answer, the audit naming what the admin did.
    expect(first.stdout).toMatch(/"day":"\d{4}-\d{2}-\d{2}","stores":/);
    for (const action of ['staff.sign-in', 'reward.create', 'campaign.create', 'campaign.activate'])
      expect(first.stdout).toContain(`"action":"${action}"`);

    // A reader who pastes the steps again (same member, same data) gets through them too.
    const again = await runBash(steps);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/"pointsAwarded":50,"participants":1,"awards":1/);
  });
});
