import { problems } from '../http/problem';
import type { Principal } from './principal';
import { rotateRefreshToken, startSession, type SessionSubject } from './sessions';
import { getStaff } from './staff';
import { issueAccessToken } from './tokens';

/** The principal a session's subject acts as now: staff roles are read afresh, so a change applies at the next refresh. */
async function principalFor(subject: SessionSubject, sessionId: string): Promise<Principal> {
  if (subject.kind === 'customer') return { kind: 'customer', customerId: subject.id, sessionId };
  const staff = await getStaff(subject.id);
  if (!staff?.active) throw problems.unauthorized('STAFF_INACTIVE', 'This staff account is not active.');
  return { kind: 'staff', staffId: staff.staffId, sessionId, roles: staff.roles, storeIds: staff.storeIds };
}

/** Starts a session and issues its first access and refresh tokens. */
export async function openSession(subject: SessionSubject) {
  const session = await startSession(subject);
  const { accessToken, expiresIn } = await issueAccessToken(await principalFor(subject, session.sessionId));
  return { accessToken, refreshToken: session.refreshToken, expiresIn };
}

/** Rotates the refresh token and issues a fresh access token for the same session. */
export async function refreshSession(refreshToken: string) {
  const session = await rotateRefreshToken(refreshToken);
  const { accessToken, expiresIn } = await issueAccessToken(
    await principalFor(session.subject, session.sessionId),
  );
  return { accessToken, refreshToken: session.refreshToken, expiresIn };
}
