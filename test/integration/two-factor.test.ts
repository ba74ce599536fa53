// Two-factor staff sign-in against DynamoDB Local: the password gives a challenge, a code gives the
// session; codes are good once under races, wrong codes count as wrong passwords, the secret is sealed.
import { describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../lib/audit';
import { MAX_FAILURES_PER_ACCOUNT_AND_SOURCE } from '../../lib/auth/login-throttle';
import { MAX_CODES_PER_CHALLENGE } from '../../lib/auth/sign-in-challenge';
import { createStaff, getStaff } from '../../lib/auth/staff';
import {
  completeTwoFactorSignIn,
  confirmEnrolmentAtSignIn,
  signInStaff,
  startEnrolmentAtSignIn,
} from '../../lib/auth/staff-sign-in';
import { base32Decode, hotp, totpAt, totpStep } from '../../lib/auth/totp';
import {
  confirmTwoFactorEnrolment,
  setTwoFactorPolicy,
  startTwoFactorEnrolment,
  takeRecoveryCode,
  takeTotpCode,
  twoFactorStatus,
} from '../../lib/auth/two-factor';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { generateSecretBoxKey, open, sealedSchema } from '../../lib/pos/secret-box';
import { unique } from '../support/members';

process.env.JWT_SIGNING_KEYS = JSON.stringify({ currentKid: 'k1', k1: 'x'.repeat(64) });
process.env.STAFF_SECRET_BOX_KEY_JSON = generateSecretBoxKey();
process.env.POS_SECRET_BOX_KEY_JSON = generateSecretBoxKey();

const PASSWORD = 'correct-horse-battery';
const freshIp = () =>
  `10.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const statusOf = (attempt: Promise<unknown>) =>
  attempt.then(
    () => 200,
    (error: { status?: number; code?: string }) => error.code ?? error.status ?? 500,
  );

async function staffMember(roles: ('admin' | 'analyst')[] = ['analyst']) {
  const email = `${unique('tfa')}@sbm.local`;
  const { staffId } = await createStaff({ email, name: '王芳', roles, password: PASSWORD });
  return { email, staffId };
}

/** A staff member with an authenticator enrolled at `at`: their secret and recovery codes. */
async function enrolled(at: Date) {
  const member = await staffMember();
  const { secret } = await startTwoFactorEnrolment(member.staffId, member.email, at);
  const key = base32Decode(secret);
  const recoveryCodes = await confirmTwoFactorEnrolment(member.staffId, totpAt(key, at), at);
  return { ...member, key, recoveryCodes };
}

async function challengeFor(email: string, ip = freshIp()) {
  const answer = await signInStaff(email, PASSWORD, ip);
  if (answer.step !== 'challenge') throw new Error('expected a challenge');
  return answer;
}

const auditActions = async (staffId: string) =>
  (
    await searchAuditEntries({
      target: `staff:${staffId}`,
      from: '2000-01-01T00:00:00Z',
      to: '2999-01-01T00:00:00Z',
      limit: 50,
    })
  ).items.map((entry) => entry.action);

describe('two-factor staff sign-in', () => {
  it('keeps the secret sealed and shows who has it on, with ten recovery codes', async () => {
    const at = new Date();
    const { staffId, key, recoveryCodes } = await enrolled(at);
    const { Item } = await documents.get({
      TableName: tableNameFromEnv('main'),
      Key: { pk: `STAFF#${staffId}`, sk: 'TWOFACTOR' },
    });
    const stored = JSON.stringify(Item, (_key, value: unknown) =>
      value instanceof Set ? [...value] : value,
    );
    // Neither the secret nor a recovery code is kept in clear.
    const { base32Encode } = await import('../../lib/auth/totp');
    expect(stored).not.toContain(base32Encode(key));
    // Sealed under the staff box's key, bound to this staff member: the POS box's key does not open it.
    const sealed = sealedSchema.parse(Item!.secret);
    expect(await open(sealed, `staff-totp:${staffId}`, 'staffSecretBox')).toBe(base32Encode(key));
    await expect(open(sealed, `staff-totp:${staffId}`, 'posSecretBox')).rejects.toThrow();
    for (const code of recoveryCodes) expect(stored).not.toContain(code.replace('-', ''));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await getStaff(staffId))?.twoFactorEnabled).toBe(true);
    expect(await twoFactorStatus(staffId)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
  });

  it('asks for a code after the password, and starts the session for the right one', async () => {
    const { email, staffId, key } = await enrolled(new Date(Date.now() - 60_000));
    const challenge = await challengeFor(email);
    expect(challenge.purpose).toBe('two-factor');
    const session = await completeTwoFactorSignIn(challenge.challengeToken, totpAt(key, new Date()));
    expect(session.staff.id).toBe(staffId);
    expect(session.tokens.accessToken).toBeTruthy();
    // The challenge gave its session: it is spent.
    await expect(
      statusOf(completeTwoFactorSignIn(challenge.challengeToken, totpAt(key, new Date()))),
    ).resolves.toBe('SIGN_IN_CHALLENGE_INVALID');
    expect(await auditActions(staffId)).toContain('staff.sign-in');
  });

  it('takes a code once: a replay within its 30 seconds is refused, and of two at once one wins', async () => {
    const start = new Date(Date.now() - 120_000);
    const { staffId, key } = await enrolled(start);
    const at = new Date(start.getTime() + 60_000);
    const code = totpAt(key, at);
    const outcomes = await Promise.all([takeTotpCode(staffId, code, at), takeTotpCode(staffId, code, at)]);
    expect(outcomes.filter((outcome) => outcome.accepted)).toHaveLength(1);
    expect(await takeTotpCode(staffId, code, new Date(at.getTime() + 5_000))).toEqual({
      accepted: false,
      reason: 'used',
    });
    // An earlier step's code, though within the skew, is older than the one taken: refused too.
    const earlier = hotp(key, totpStep(at) - 1);
    if (earlier !== code) expect((await takeTotpCode(staffId, earlier, at)).accepted).toBe(false);
    // The next step's code is good.
    const next = new Date(at.getTime() + 30_000);
    expect(await takeTotpCode(staffId, totpAt(key, next), next)).toEqual({ accepted: true, factor: 'totp' });
  });

  it('takes a code from one step either side of the clock, and no further', async () => {
    const start = new Date(Date.now() - 600_000);
    const { staffId, key } = await enrolled(start);
    const at = new Date(start.getTime() + 300_000);
    // A phone 30 s ahead gives the next step's code.
    expect((await takeTotpCode(staffId, hotp(key, totpStep(at) + 1), at)).accepted).toBe(true);
    const later = new Date(at.getTime() + 120_000);
    const farAhead = hotp(key, totpStep(later) + 3);
    const near = [-1, 0, 1].map((offset) => hotp(key, totpStep(later) + offset));
    if (!near.includes(farAhead)) expect((await takeTotpCode(staffId, farAhead, later)).accepted).toBe(false);
  });

  it('takes each recovery code once: of two sign-ins racing with the same code, exactly one gets a session', async () => {
    const { email, staffId, recoveryCodes } = await enrolled(new Date());
    const code = recoveryCodes[3]!;
    const [first, second] = await Promise.all([challengeFor(email), challengeFor(email)]);
    const outcomes = await Promise.all([
      statusOf(completeTwoFactorSignIn(first.challengeToken, code)),
      statusOf(completeTwoFactorSignIn(second.challengeToken, code.toUpperCase())),
    ]);
    expect(outcomes.sort()).toEqual([200, 'TWO_FACTOR_CODE_INVALID']);
    expect(await twoFactorStatus(staffId)).toMatchObject({ recoveryCodesLeft: 9 });
    // Used is used, however it is typed.
    expect(await takeRecoveryCode(staffId, code.replace('-', ' '))).toEqual({
      accepted: false,
      reason: 'invalid',
    });
    const actions = await auditActions(staffId);
    expect(actions.filter((action) => action === 'staff.two-factor-recovery-code-used')).toHaveLength(1);
    // Another code still works.
    const third = await challengeFor(email);
    await expect(statusOf(completeTwoFactorSignIn(third.challengeToken, recoveryCodes[0]!))).resolves.toBe(
      200,
    );
  });

  it('counts wrong codes as wrong passwords: the source is refused on the account after five', async () => {
    const { email, staffId, key } = await enrolled(new Date());
    const ip = freshIp();
    const wrong = String((Number(totpAt(key, new Date())) + 500_000) % 1_000_000).padStart(6, '0');
    const outcomes: unknown[] = [];
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_SOURCE; i++) {
      const challenge = await challengeFor(email, freshIp());
      outcomes.push(await statusOf(completeTwoFactorSignIn(challenge.challengeToken, wrong, ip)));
    }
    expect(outcomes).toEqual(Array(MAX_FAILURES_PER_ACCOUNT_AND_SOURCE).fill('TWO_FACTOR_CODE_INVALID'));
    const challenge = await challengeFor(email, freshIp());
    // The right code from that source is refused too until the window ends.
    await expect(
      statusOf(completeTwoFactorSignIn(challenge.challengeToken, totpAt(key, new Date()), ip)),
    ).resolves.toBe('TOO_MANY_LOGIN_ATTEMPTS');
    const failed = (await auditActions(staffId)).filter((action) => action === 'staff.sign-in-failed');
    expect(failed).toHaveLength(MAX_FAILURES_PER_ACCOUNT_AND_SOURCE);
  }, 30_000);

  it('takes five codes at most per challenge', async () => {
    const { email, key } = await enrolled(new Date());
    const challenge = await challengeFor(email);
    for (let i = 0; i < MAX_CODES_PER_CHALLENGE; i++)
      await statusOf(completeTwoFactorSignIn(challenge.challengeToken, 'aaaaa-aaaaa', freshIp()));
    await expect(
      statusOf(completeTwoFactorSignIn(challenge.challengeToken, totpAt(key, new Date()), freshIp())),
    ).resolves.toBe('SIGN_IN_CHALLENGE_INVALID');
  }, 30_000);

  it('leads an admin without a second factor to enrol when the policy asks it, then signs them in', async () => {
    const admin = await staffMember(['admin']);
    const analyst = await staffMember(['analyst']);
    await setTwoFactorPolicy(true, admin.staffId);
    try {
      // The policy asks it of admins only.
      expect((await signInStaff(analyst.email, PASSWORD, freshIp())).step).toBe('session');
      const challenge = await challengeFor(admin.email);
      expect(challenge.purpose).toBe('enrol-two-factor');
      // The enrolment challenge is no two-factor challenge.
      await expect(statusOf(completeTwoFactorSignIn(challenge.challengeToken, '123456'))).resolves.toBe(
        'SIGN_IN_CHALLENGE_INVALID',
      );
      const { secret, otpauthUri } = await startEnrolmentAtSignIn(challenge.challengeToken);
      expect(otpauthUri).toContain(`secret=${secret}`);
      const session = await confirmEnrolmentAtSignIn(
        challenge.challengeToken,
        totpAt(base32Decode(secret), new Date()),
      );
      expect(session.recoveryCodes).toHaveLength(10);
      expect(session.staff.id).toBe(admin.staffId);
      expect(await auditActions(admin.staffId)).toEqual(
        expect.arrayContaining(['staff.two-factor-enrol', 'staff.sign-in']),
      );
      // From now on the admin is asked for a code.
      expect((await challengeFor(admin.email)).purpose).toBe('two-factor');
    } finally {
      await setTwoFactorPolicy(false, admin.staffId);
    }
  });
});

describe('two-factor sign-in on one own account, and the policy', () => {
  const principalOf = (staffId: string, roles: ('admin' | 'analyst')[]) => ({
    kind: 'staff' as const,
    staffId,
    sessionId: 's-1',
    roles,
    storeIds: [],
  });
  const context = { correlationId: 'c-1', sourceIp: '10.0.0.1' };

  it('will not switch off while the policy requires it, and audits the policy and the switching off', async () => {
    const { changeTwoFactorPolicy, disableOwnTwoFactor } = await import('../../lib/auth/two-factor-account');
    const at = new Date(Date.now() - 60_000);
    const member = await enrolled(at);
    const admin = principalOf(member.staffId, ['admin']);
    await changeTwoFactorPolicy(admin, true, context);
    try {
      await expect(
        statusOf(disableOwnTwoFactor(admin, totpAt(member.key, new Date()), context)),
      ).resolves.toBe('TWO_FACTOR_REQUIRED');
    } finally {
      await changeTwoFactorPolicy(admin, false, context);
    }
    const policyTrail = (
      await searchAuditEntries({
        target: 'staff-policy:two-factor',
        from: '2000-01-01T00:00:00Z',
        to: '2999-01-01T00:00:00Z',
        limit: 50,
      })
    ).items.filter((entry) => entry.actor === member.staffId);
    expect(policyTrail.map((entry) => [entry.action, entry.after])).toEqual([
      ['staff.two-factor-policy', { requiredForAdmins: false }],
      ['staff.two-factor-policy', { requiredForAdmins: true }],
    ]);

    // Not required of an analyst: a wrong code is refused, the right one switches it off.
    const analyst = principalOf(member.staffId, ['analyst']);
    await expect(statusOf(disableOwnTwoFactor(analyst, 'aaaaa-aaaaa', context))).resolves.toBe(
      'TWO_FACTOR_CODE_INVALID',
    );
    await disableOwnTwoFactor(analyst, member.recoveryCodes[0]!, context);
    expect(await twoFactorStatus(member.staffId)).toMatchObject({ enabled: false });
    expect((await getStaff(member.staffId))?.twoFactorEnabled).toBe(false);
    expect(await auditActions(member.staffId)).toContain('staff.two-factor-disable');
  });
});
