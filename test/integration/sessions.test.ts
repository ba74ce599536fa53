// Refresh-token rotation against DynamoDB Local, including theft detection by reuse.
import { describe, expect, it } from 'vitest';
import { endSession, isSessionActive, rotateRefreshToken, startSession } from '../../lib/auth/sessions';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

describe('sessions', () => {
  it('rotates a refresh token into a new one in the same session', async () => {
    const session = await startSession({ kind: 'customer', id: 'c-1' });
    const next = await rotateRefreshToken(session.refreshToken);
    expect(next.sessionId).toBe(session.sessionId);
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(await isSessionActive(session.sessionId)).toBe(true);
  });

  it('revokes the whole session when a used refresh token comes back', async () => {
    const session = await startSession({ kind: 'customer', id: 'c-2' });
    const next = await rotateRefreshToken(session.refreshToken);
    expect(await codeOf(rotateRefreshToken(session.refreshToken))).toBe('REFRESH_TOKEN_REUSED');
    expect(await isSessionActive(session.sessionId)).toBe(false);
    expect(await codeOf(rotateRefreshToken(next.refreshToken))).toBe('SESSION_REVOKED');
  });

  it('lets one of two racing refreshes win and treats the other as reuse', async () => {
    const session = await startSession({ kind: 'customer', id: 'c-3' });
    const outcomes = await Promise.all([
      codeOf(rotateRefreshToken(session.refreshToken)),
      codeOf(rotateRefreshToken(session.refreshToken)),
    ]);
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(1);
    expect(outcomes).toContain('REFRESH_TOKEN_REUSED');
  });

  it('ends a session on sign-out, and refuses unknown tokens', async () => {
    const session = await startSession({ kind: 'customer', id: 'c-4' });
    await endSession(session.refreshToken);
    expect(await isSessionActive(session.sessionId)).toBe(false);
    expect(await codeOf(rotateRefreshToken(session.refreshToken))).toBe('SESSION_REVOKED');
    expect(await codeOf(rotateRefreshToken('not-a-token'))).toBe('REFRESH_TOKEN_INVALID');
  });
});

describe('sessions of one kind of subject', () => {
  it("refuses a member's refresh token where only staff sessions are taken, using up nothing", async () => {
    const member = await startSession({ kind: 'customer', id: 'c-5' });
    expect(await codeOf(rotateRefreshToken(member.refreshToken, new Date(), { subjectKind: 'staff' }))).toBe(
      'REFRESH_TOKEN_INVALID',
    );
    expect(await codeOf(endSession(member.refreshToken, new Date(), { subjectKind: 'staff' }))).toBe(
      'REFRESH_TOKEN_INVALID',
    );
    // The member's token is still good once, and their session goes on.
    expect(await isSessionActive(member.sessionId)).toBe(true);
    expect(await codeOf(rotateRefreshToken(member.refreshToken))).toBe('ok');
  });

  it('takes a staff session where staff sessions are taken, and says when the new token stops', async () => {
    const now = new Date();
    const staff = await startSession({ kind: 'staff', id: 's-1' }, now);
    expect(staff.refreshTokenExpiresAt).toBe(Math.floor(now.getTime() / 1000) + 30 * 86_400);
    const next = await rotateRefreshToken(staff.refreshToken, now, { subjectKind: 'staff' });
    expect(next).toMatchObject({ sessionId: staff.sessionId, subject: { kind: 'staff', id: 's-1' } });
    expect(next.refreshTokenExpiresAt).toBe(staff.refreshTokenExpiresAt);
  });

  it('says whether a sign-out ended the session or found it ended', async () => {
    const session = await startSession({ kind: 'staff', id: 's-2' });
    expect(await endSession(session.refreshToken)).toEqual({
      subject: { kind: 'staff', id: 's-2' },
      sessionId: session.sessionId,
      ended: true,
    });
    expect((await endSession(session.refreshToken)).ended).toBe(false);
    expect(await isSessionActive(session.sessionId)).toBe(false);
  });
});
