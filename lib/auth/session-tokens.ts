import { problems } from '../http/problem';
import type { Principal } from './principal';
import { rotateRefreshToken, startSession, type SessionSubject, type SubjectFilter } from './sessions';
import { getStaff } from './staff';
import { issueAccessToken } from './tokens';

/** The principal a session's subject acts as now: staff roles are read afresh, so a change applies at the next refresh. */
async function principalFor(subject: SessionSubject, sessionId: string): Promise<Principal> {
  if (subject.kind === 'customer') return { kind: 'customer', customerId: subject.id, sessionId };
  const staff = await getStaff(subject.id);
  if (!staff?.active) throw problems.unauthorized('STAFF_INACTIVE', 'This staff account is not active.');
  return { kind: 'staff', staffId: staff.staffId, sessionId, roles: staff.roles, storeIds: staff.storeIds };
}

/** Tokens handed out by a sign-in or a refresh, as whom they act, and until when the refresh token is good. */
export interface IssuedSession {
  tokens: { accessToken: string; refreshToken: string; expiresIn: number };
  principal: Principal;
  /** Epoch seconds. */
  refreshTokenExpiresAt: number;
}

async function issueFor(session: Awaited<ReturnType<typeof startSession>>): Promise<IssuedSession> {
  const principal = await principalFor(session.subject, session.sessionId);
  const { accessToken, expiresIn } = await issueAccessToken(principal);
  return {
    tokens: { accessToken, refreshToken: session.refreshToken, expiresIn },
    principal,
    refreshTokenExpiresAt: session.refreshTokenExpiresAt,
  };
}

/** Starts a session and issues its first access and refresh tokens. */
export const startIssuedSession = async (subject: SessionSubject) => issueFor(await startSession(subject));

/**
 * Rotates the refresh token and issues a fresh access token for the same session; with a subject kind,
 * only a refresh token of that kind's sessions is taken.
 */
export const rotateIssuedSession = async (refreshToken: string, filter: SubjectFilter = {}) =>
  issueFor(await rotateRefreshToken(refreshToken, new Date(), filter));

/** Starts a session and issues its first access and refresh tokens. */
export async function openSession(subject: SessionSubject) {
  return (await startIssuedSession(subject)).tokens;
}

/** Rotates the refresh token and issues a fresh access token for the same session. */
export async function refreshSession(refreshToken: string) {
  return (await rotateIssuedSession(refreshToken)).tokens;
}
