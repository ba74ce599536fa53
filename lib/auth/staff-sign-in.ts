import { recordStaffAction } from '../audit';
import { SYSTEM_ACTOR, UNIDENTIFIED_ACTOR } from '../audit/actors';
import { problems } from '../http/problem';
import { MAX_FAILURES_PER_ACCOUNT, takeLoginAttempt, type LoginAttempt } from './login-throttle';
import type { StaffPrincipal } from './principal';
import { startIssuedSession } from './session-tokens';
import { authenticateStaff, findStaffIdByEmail, normaliseEmail, staffAuditSubject } from './staff';

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

/**
 * Signs staff in with email and password. A wrong email and a wrong password look the same. The attempt
 * is counted before the password is checked: a source that keeps failing on an account is slowed, then
 * refused for a while; many sources failing on one account lock it (audited) until an admin unlocks it.
 * Answers the tokens, who signed in, and when the refresh token stops being good (epoch seconds).
 */
export async function signInStaff(email: string, password: string, sourceIp?: string, correlationId = '-') {
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
  const { tokens, refreshTokenExpiresAt } = await startIssuedSession({ kind: 'staff', id: staff.staffId });
  await recordStaffAction({
    actor: {
      kind: 'staff',
      staffId: staff.staffId,
      sessionId: '-',
      roles: staff.roles,
      storeIds: staff.storeIds,
    },
    action: 'staff.sign-in',
    target: staffAuditSubject.target(staff.staffId),
    correlationId,
    sourceIp,
  });
  return { tokens, refreshTokenExpiresAt, staff: { id: staff.staffId, roles: staff.roles } };
}

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
