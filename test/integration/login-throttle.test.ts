// Staff sign-in abuse controls against DynamoDB Local: each attempt is counted before the password is
// checked, atomically, per account and source, per source and per account; the account itself locks
// only after a campaign from many sources, audited, until an admin unlocks it.
import { describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../lib/audit';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ACCOUNT_AND_SOURCE,
  MAX_FAILURES_PER_SOURCE,
  takeLoginAttempt,
  WINDOW_SECONDS,
} from '../../lib/auth/login-throttle';
import { createStaff } from '../../lib/auth/staff';
import { signInStaff } from '../../lib/auth/staff-sign-in';
import { apiEvent, lambdaContext } from '../support/lambda';
import { unique } from '../support/members';
import { staffCaller } from '../support/staff';

process.env.JWT_SIGNING_KEYS = JSON.stringify({ currentKid: 'k1', k1: 'x'.repeat(64) });

const PASSWORD = 'correct-horse-battery';
async function staffMember() {
  const email = `${unique('lock')}@sbm.local`;
  const { staffId } = await createStaff({ email, name: 'Target', roles: ['analyst'], password: PASSWORD });
  return { email, staffId };
}
/** A fresh address in a range no other test uses, so that per-source counters start at nought. */
const freshIp = () =>
  `10.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const outcomeOf = (attempt: Promise<unknown>) =>
  attempt.then(
    () => 200,
    (error: { status?: number }) => error.status ?? 500,
  );
const countOf = (outcomes: number[], status: number) =>
  outcomes.filter((outcome) => outcome === status).length;
async function failuresOn(pk: string, sk: string) {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: { pk, sk },
    ConsistentRead: true,
  });
  return (Item?.failures as number | undefined) ?? 0;
}

describe('staff sign-in throttling', () => {
  it('refuses a source after five failures on an account, with Retry-After, and not the staff member elsewhere', async () => {
    const { email } = await staffMember();
    const attacker = freshIp();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT_AND_SOURCE; attempt++)
      await expect(signInStaff(email, 'wrong-password', attacker)).rejects.toMatchObject({ status: 401 });
    // Refused before the password is checked: the right one does not get through from there either.
    const refused = await signInStaff(email, PASSWORD, attacker).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
    const retryAfter = Number(
      (refused as { extra: { headers: Record<string, string> } }).extra.headers['retry-after'],
    );
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    // The staff member, from their usual network, signs in as ever.
    await expect(signInStaff(email, PASSWORD, freshIp())).resolves.toMatchObject({
      staff: { roles: ['analyst'] },
    });
  }, 30_000);

  it.each([30, 100])(
    'counts %i concurrent wrong passwords from one source one by one: five are checked, the rest refused',
    async (attempts) => {
      const { email } = await staffMember();
      const attacker = freshIp();
      const outcomes = await Promise.all(
        Array.from({ length: attempts }, () => outcomeOf(signInStaff(email, 'wrong-password', attacker))),
      );
      expect({ 401: countOf(outcomes, 401), 429: countOf(outcomes, 429) }).toEqual({
        401: MAX_FAILURES_PER_ACCOUNT_AND_SOURCE,
        429: attempts - MAX_FAILURES_PER_ACCOUNT_AND_SOURCE,
      });
      // The refused attempts were never checked, so they count nowhere.
      expect(await failuresOn(`LOGINFAIL#account:${email}`, `SOURCE#${attacker}`)).toBe(5);
      expect(await failuresOn(`LOGINFAIL#ip:${attacker}`, 'LOGINFAIL')).toBe(5);
      expect(await failuresOn(`LOGINFAIL#account:${email}`, 'LOGINFAIL')).toBe(5);
    },
    30_000,
  );

  it('counts 100 attempts at once from 100 sources exactly, refusing those past the account limit', async () => {
    const account = `${unique('campaign')}@sbm.local`;
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () =>
        takeLoginAttempt(account, freshIp()).then(
          (attempt) => attempt.accountFailures,
          (error: { status: number; detail: string }) => `${error.status} ${error.detail}`,
        ),
      ),
    );
    const counted = outcomes.filter((outcome) => typeof outcome === 'number').sort((a, b) => a - b);
    expect(counted).toEqual(Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, (_, i) => i + 1));
    expect(new Set(outcomes.filter((outcome) => typeof outcome === 'string'))).toEqual(
      new Set(['429 This account is locked after too many failed sign-ins; an administrator can unlock it.']),
    );
    expect(await failuresOn(`LOGINFAIL#account:${account}`, 'LOGINFAIL')).toBe(MAX_FAILURES_PER_ACCOUNT);
  }, 30_000);

  it('locks the account for everyone at the limit, audited once, until an admin unlocks it', async () => {
    const { email, staffId } = await staffMember();
    // A campaign from many networks, one failure short of the limit (counted as sign-in counts them).
    await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_ACCOUNT - 1 }, () => takeLoginAttempt(email, freshIp())),
    );
    await expect(signInStaff(email, 'wrong-password', freshIp())).rejects.toMatchObject({ status: 401 });
    // Locked now, the staff member's own network included.
    await expect(signInStaff(email, PASSWORD, freshIp())).rejects.toMatchObject({
      status: 429,
      detail: expect.stringContaining('locked'),
    });
    const audit = async () =>
      (
        await searchAuditEntries({
          target: `staff:${staffId}`,
          from: '2000-01-01T00:00:00Z',
          to: '2999-01-01T00:00:00Z',
          limit: 10,
        })
      ).items;
    // Each failed sign-in is kept as such; the lock once, by the platform.
    expect(
      (await audit())
        .filter((entry) => entry.action !== 'staff.sign-in-failed')
        .map((entry) => [entry.action, entry.actor, entry.after]),
    ).toEqual([
      ['staff.lock', 'system', { failures: MAX_FAILURES_PER_ACCOUNT, lockedUntil: expect.any(String) }],
    ]);

    const { handler } = await import('../../functions/staff/unlock-staff');
    const unlock = await handler(
      {
        ...apiEvent({
          method: 'POST',
          path: `/v1/admin/staff/${staffId}/unlock`,
          authorizer: await staffCaller(['admin']),
        }),
        pathParameters: { staffId },
      },
      lambdaContext(),
    );
    expect(unlock.statusCode, unlock.body).toBe(200);
    expect(JSON.parse(unlock.body)).toEqual({ id: staffId, failuresCleared: MAX_FAILURES_PER_ACCOUNT });
    await expect(signInStaff(email, PASSWORD, freshIp())).resolves.toMatchObject({ staff: { id: staffId } });
    expect(
      (await audit()).map((entry) => entry.action).filter((action) => !action.startsWith('staff.sign-in')),
    ).toEqual(['staff.unlock', 'staff.lock']);
  }, 30_000);

  it('refuses a source that tries one password on many accounts, however many it tries at once', async () => {
    const sprayer = freshIp();
    const outcomes = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_SOURCE + 5 }, () =>
        outcomeOf(signInStaff(`${unique('nobody')}@sbm.local`, 'Winter2026!', sprayer)),
      ),
    );
    expect({ 401: countOf(outcomes, 401), 429: countOf(outcomes, 429) }).toEqual({
      401: MAX_FAILURES_PER_SOURCE,
      429: 5,
    });
  }, 30_000);

  it('gives a right password its attempt back, and forgets the source’s earlier failures on the account', async () => {
    const { email } = await staffMember();
    const ip = freshIp();
    await expect(signInStaff(email, 'typo', ip)).rejects.toMatchObject({ status: 401 });
    await expect(signInStaff(email, PASSWORD, ip)).resolves.toMatchObject({ staff: { roles: ['analyst'] } });
    expect(await failuresOn(`LOGINFAIL#account:${email}`, `SOURCE#${ip}`)).toBe(0);
    expect(await failuresOn(`LOGINFAIL#account:${email}`, 'LOGINFAIL')).toBe(1);
    expect(await failuresOn(`LOGINFAIL#ip:${ip}`, 'LOGINFAIL')).toBe(1);
  }, 30_000);

  it('opens a new window once the last one has ended', async () => {
    const account = `${unique('window')}@sbm.local`;
    const ip = freshIp();
    const start = new Date();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT_AND_SOURCE; attempt++)
      await takeLoginAttempt(account, ip, start);
    await expect(takeLoginAttempt(account, ip, start)).rejects.toMatchObject({ status: 429 });
    const later = new Date(start.getTime() + WINDOW_SECONDS * 1000);
    await expect(takeLoginAttempt(account, ip, later)).resolves.toMatchObject({ accountFailures: 1 });
  }, 30_000);
});
