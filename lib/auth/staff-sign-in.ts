import { recordStaffAction } from '../audit';
import { SYSTEM_ACTOR, UNIDENTIFIED_ACTOR } from '../audit/actors';
import { Problem, problems } from '../http/problem';
import { MAX_FAILURES_PER_ACCOUNT, takeLoginAttempt, type LoginAttempt } from './login-throttle';
import type { StaffPrincipal } from './principal';
import { startIssuedSession } from './session-tokens';
import {
  consumeSignInChallenge,
  issueSignInChallenge,
  readSignInChallenge,
  takeChallengeAttempt,
} from './sign-in-challenge';
import {
  authenticateStaff,
  findStaffIdByEmail,
  getStaff,
  normaliseEmail,
  staffAuditSubject,
  type StaffRecord,
} from './staff';
import {
  confirmTwoFactorEnrolment,
  outcomeProblem,
  readTwoFactorPolicy,
  startTwoFactorEnrolment,
  takeSecondFactor,
  twoFactorRequiredFor,
} from './two-factor';

/** Who the audit names for what the platform does by itself. */
const SYSTEM: StaffPrincipal = {
  kind: 'staff',
  staffId: SYSTEM_ACTOR,
  sessionId: '-',
  roles: [],
  storeIds: [],
};
/** Who the audit names for a sign-in that proved no identity. */
const UNIDENTIFIED: StaffPrincipal = { ...SYSTEM, staffId: UNIDENTIFIED_ACTOR };

/** A staff member's session as sign-in gives it: tokens, who, and until when the refresh token is good. */
export type StaffSession = Awaited<ReturnType<typeof startStaffSession>>;
/** What a right password gives: the session, or a challenge for the second step still owed. */
export type StaffSignIn =
  | ({ step: 'session' } & StaffSession)
  | ({ step: 'challenge' } & Awaited<ReturnType<typeof issueSignInChallenge>>);

/**
 * Signs staff in with email and password. A wrong email and a wrong password look the same. The attempt
 * is counted before the password is checked: a source that keeps failing on an account is slowed, then
 * refused for a while; many sources failing on one account lock it (audited) until an admin unlocks it.
 * Answers the session, or, for a staff member with a second factor (or whom the policy asks to set one
 * up), a short-lived challenge for the second step.
 */
export async function signInStaff(
  email: string,
  password: string,
  sourceIp?: string,
  correlationId = '-',
): Promise<StaffSignIn> {
  const account = normaliseEmail(email);
  const attempt = await takeLoginAttempt(account, sourceIp);
  const staff = await authenticateStaff(email, password);
  if (!staff) {
    const staffId = await findStaffIdByEmail(account);
    // Every failed sign-in is kept (PIPL accountability), naming the account tried but never the email.
    await recordStaffAction({
      actor: UNIDENTIFIED,
      action: 'staff.sign-in-failed',
      target: staffAuditSubject.target(staffId ?? 'unknown-email'),
      correlationId,
      sourceIp,
    });
    // Exactly one attempt counts the failure that reaches the limit: it records the lock.
    if (staffId && attempt.accountFailures === MAX_FAILURES_PER_ACCOUNT)
      await recordLock(staffId, attempt, sourceIp, correlationId);
    throw problems.unauthorized('INVALID_CREDENTIALS', 'The email or password is wrong.');
  }
  await attempt.succeeded();
  if (staff.twoFactorEnabled)
    return { step: 'challenge', ...(await issueSignInChallenge(staff.staffId, 'two-factor')) };
  if (twoFactorRequiredFor(staff.roles, await readTwoFactorPolicy()))
    return { step: 'challenge', ...(await issueSignInChallenge(staff.staffId, 'enrol-two-factor')) };
  return { step: 'session', ...(await startStaffSession(staff, {}, sourceIp, correlationId)) };
}

const actorOf = (staff: StaffRecord): StaffPrincipal => ({
  kind: 'staff',
  staffId: staff.staffId,
  sessionId: '-',
  roles: staff.roles,
  storeIds: staff.storeIds,
});

/** Starts the session a completed sign-in earned, audited as staff.sign-in with the second factor used. */
async function startStaffSession(
  staff: StaffRecord,
  after: { secondFactor?: string },
  sourceIp: string | undefined,
  correlationId: string,
) {
  const { tokens, refreshTokenExpiresAt } = await startIssuedSession({ kind: 'staff', id: staff.staffId });
  await recordStaffAction({
    actor: actorOf(staff),
    action: 'staff.sign-in',
    target: staffAuditSubject.target(staff.staffId),
    ...(after.secondFactor ? { after } : {}),
    correlationId,
    sourceIp,
  });
  return { tokens, refreshTokenExpiresAt, staff: { id: staff.staffId, roles: staff.roles } };
}

/** The active staff member a challenge names; a deactivated one's challenge is worth nothing. */
async function challengedStaff(staffId: string) {
  const staff = await getStaff(staffId);
  if (!staff?.active)
    throw problems.unauthorized('SIGN_IN_CHALLENGE_INVALID', 'This sign-in has expired; sign in again.');
  return staff;
}

/**
 * A wrong second-factor code counts as a wrong password does (the same per-source, per-account limits and
 * lock), and is audited as a failed sign-in of the account.
 */
async function refuseCode(
  staff: StaffRecord,
  attempt: LoginAttempt,
  reason: 'invalid' | 'used',
  sourceIp: string | undefined,
  correlationId: string,
): Promise<never> {
  await recordStaffAction({
    actor: UNIDENTIFIED,
    action: 'staff.sign-in-failed',
    target: staffAuditSubject.target(staff.staffId),
    after: { step: 'second-factor', reason },
    correlationId,
    sourceIp,
  });
  if (attempt.accountFailures === MAX_FAILURES_PER_ACCOUNT)
    await recordLock(staff.staffId, attempt, sourceIp, correlationId);
  throw outcomeProblem(reason);
}

/**
 * The second step of a sign-in: an authenticator code (good once, ±1 step of clock skew) or a recovery
 * code (good once; its use is audited) against the challenge the password gave. Each code is counted
 * as a sign-in attempt first, and the challenge takes 5 at most.
 */
export async function completeTwoFactorSignIn(
  challengeToken: string,
  code: string,
  sourceIp?: string,
  correlationId = '-',
  now = new Date(),
) {
  const staff = await challengedStaff(await takeChallengeAttempt(challengeToken, 'two-factor', now));
  const attempt = await takeLoginAttempt(staff.email, sourceIp, now);
  const outcome = await takeSecondFactor(staff.staffId, code, now);
  if (!outcome.accepted) return refuseCode(staff, attempt, outcome.reason, sourceIp, correlationId);
  await attempt.succeeded();
  await consumeSignInChallenge(challengeToken);
  if (outcome.factor === 'recovery-code')
    await recordStaffAction({
      actor: actorOf(staff),
      action: 'staff.two-factor-recovery-code-used',
      target: staffAuditSubject.target(staff.staffId),
      after: { recoveryCodesLeft: outcome.recoveryCodesLeft },
      correlationId,
      sourceIp,
    });
  return startStaffSession(staff, { secondFactor: outcome.factor }, sourceIp, correlationId);
}

/** For a staff member the policy asks to enrol at sign-in: a new authenticator secret and its QR's URI. */
export async function startEnrolmentAtSignIn(challengeToken: string, now = new Date()) {
  const staff = await challengedStaff(await readSignInChallenge(challengeToken, 'enrol-two-factor', now));
  return startTwoFactorEnrolment(staff.staffId, staff.email, now);
}

/**
 * Completes a sign-in that had to enrol a second factor: the app's first code switches it on (audited as
 * staff.two-factor-enrol) and starts the session. Answers the session and the recovery codes, shown once.
 */
export async function confirmEnrolmentAtSignIn(
  challengeToken: string,
  code: string,
  sourceIp?: string,
  correlationId = '-',
  now = new Date(),
) {
  const staff = await challengedStaff(await takeChallengeAttempt(challengeToken, 'enrol-two-factor', now));
  const attempt = await takeLoginAttempt(staff.email, sourceIp, now);
  let recoveryCodes: string[];
  try {
    recoveryCodes = await confirmTwoFactorEnrolment(staff.staffId, code, now);
  } catch (error) {
    if (error instanceof Problem && error.code === 'TWO_FACTOR_CODE_INVALID')
      return refuseCode(staff, attempt, 'invalid', sourceIp, correlationId);
    throw error;
  }
  await attempt.succeeded();
  await consumeSignInChallenge(challengeToken);
  await recordTwoFactorEnrolled(actorOf(staff), staff.staffId, correlationId, sourceIp);
  const session = await startStaffSession(staff, { secondFactor: 'totp' }, sourceIp, correlationId);
  return { ...session, recoveryCodes };
}

/** Audits a second factor switched on; the secret and the recovery codes are never part of it. */
export const recordTwoFactorEnrolled = (
  actor: StaffPrincipal,
  staffId: string,
  correlationId: string,
  sourceIp: string | undefined,
) =>
  recordStaffAction({
    actor,
    action: 'staff.two-factor-enrol',
    target: staffAuditSubject.target(staffId),
    after: { twoFactorEnabled: true },
    correlationId,
    sourceIp,
  });

async function recordLock(
  staffId: string,
  attempt: LoginAttempt,
  sourceIp: string | undefined,
  correlationId: string,
) {
  await recordStaffAction({
    actor: SYSTEM,
    action: 'staff.lock',
    target: staffAuditSubject.target(staffId),
    after: {
      failures: attempt.accountFailures,
      lockedUntil: new Date(attempt.accountWindowEndsAt * 1000).toISOString(),
    },
    correlationId,
    sourceIp,
  });
}
