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
