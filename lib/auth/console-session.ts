import { recordStaffAction } from '../audit';
import { Problem, problems } from '../http/problem';
import {
  clearedConsoleRefreshCookie,
  CONSOLE_REFRESH_COOKIE,
  consoleRefreshCookie,
  isConsoleClient,
} from './console-cookie';
import type { StaffRole } from './principal';
import { rotateIssuedSession } from './session-tokens';
import { endSession } from './sessions';
import { getStaff, staffAuditSubject } from './staff';

/** The same refusal, with the cookie deleted: a cookie that was refused is of no more use. */
const clearingCookie = (problem: Problem) =>
  new Problem(problem.status, problem.code, problem.title, problem.detail, {
    ...problem.extra,
    cookies: [clearedConsoleRefreshCookie()],
  });

/**
 * Exchanges the refresh token in the console's cookie for a new one (rotated exactly as
 * POST /v1/auth/refresh rotates, reuse revoking the session) and a new access token. Only a staff
 * session's token is taken. Any 401 deletes the cookie.
 */
export async function refreshConsoleSession(cookies: ReadonlyMap<string, string>, now = new Date()) {
  const token = cookies.get(CONSOLE_REFRESH_COOKIE);
  try {
    if (!token) throw problems.unauthorized('UNAUTHORIZED', 'No console session: sign in.');
    const issued = await rotateIssuedSession(token, { subjectKind: 'staff' });
    // Only a staff session's token gets this far.
    if (issued.principal.kind !== 'staff') throw problems.unauthorized();
    const { accessToken, expiresIn, refreshToken } = issued.tokens;
    return {
      body: {
        accessToken,
        expiresIn,
        staff: { id: issued.principal.staffId, roles: issued.principal.roles },
      },
      cookie: consoleRefreshCookie(refreshToken, issued.refreshTokenExpiresAt, now),
    };
  } catch (error) {
    if (error instanceof Problem && error.status === 401) throw clearingCookie(error);
    throw error;
  }
}

/**
 * Ends the console's session, the one its cookie's refresh token belongs to, as POST /v1/auth/logout
 * does; audited as staff.sign-out when this call ended it. No cookie, or one that is no staff session's
 * token, ends nothing: the console is signed out all the same.
 */
export async function endConsoleSession(
  cookies: ReadonlyMap<string, string>,
  context: { correlationId: string; sourceIp?: string },
) {
  const token = cookies.get(CONSOLE_REFRESH_COOKIE);
  if (!token) return;
  const session = await endSession(token, new Date(), { subjectKind: 'staff' }).catch((error: unknown) => {
    if (error instanceof Problem && error.status === 401) return undefined;
    throw error;
  });
  if (!session?.ended) return;
  const staff = await getStaff(session.subject.id);
  await recordStaffAction({
    actor: {
      kind: 'staff',
      staffId: session.subject.id,
      sessionId: session.sessionId,
      roles: staff?.roles ?? [],
      storeIds: staff?.storeIds ?? [],
    },
    action: 'staff.sign-out',
    target: staffAuditSubject.target(session.subject.id),
    correlationId: context.correlationId,
    sourceIp: context.sourceIp,
  });
}

/**
 * A started staff session as sign-in answers it: for the console the refresh token goes in its cookie
 * and stays out of the body; other clients get it in the body.
 */
export function staffSessionAnswer<Extra extends object>(
  headers: Record<string, string | undefined>,
  session: {
    tokens: { accessToken: string; refreshToken: string; expiresIn: number };
    refreshTokenExpiresAt: number;
    staff: { id: string; roles: StaffRole[] };
  },
  extra = {} as Extra,
) {
  const { tokens, refreshTokenExpiresAt, staff } = session;
  if (!isConsoleClient(headers)) return { status: 200 as const, body: { ...tokens, staff, ...extra } };
  const { refreshToken, ...inBody } = tokens;
  return {
    status: 200 as const,
    body: { ...inBody, staff, ...extra },
    cookies: [consoleRefreshCookie(refreshToken, refreshTokenExpiresAt)],
  };
}
