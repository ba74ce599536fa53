// Staff sign-in abuse controls against DynamoDB Local: progressive delay, then lockout with Retry-After.
import { describe, expect, it } from 'vitest';
import { createStaff } from '../../lib/auth/staff';
import { signInStaff } from '../../lib/auth/staff-sign-in';
import { unique } from '../support/members';

process.env.JWT_SIGNING_KEYS = JSON.stringify({ currentKid: 'k1', k1: 'x'.repeat(64) });

describe('staff sign-in throttling', () => {
  it('locks an account after five failures, even for the right password, and says when to retry', async () => {
    const email = `${unique('lock')}@sbm.local`;
    await createStaff({ email, name: 'Locked', roles: ['analyst'], password: 'correct-horse-battery' });
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(signInStaff(email, 'wrong-password', '10.0.0.1')).rejects.toMatchObject({ status: 401 });
    }
    const locked = await signInStaff(email, 'correct-horse-battery', '10.0.0.2').catch(
      (error: unknown) => error,
    );
    expect(locked).toMatchObject({ status: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
    expect(
      Number((locked as { extra: { headers: Record<string, string> } }).extra.headers['retry-after']),
    ).toBeGreaterThan(0);
  }, 30_000);

  it('lets a good sign-in clear the failures before the lockout', async () => {
    const email = `${unique('ok')}@sbm.local`;
    await createStaff({ email, name: 'Careless', roles: ['analyst'], password: 'correct-horse-battery' });
    await expect(signInStaff(email, 'typo', '10.0.0.3')).rejects.toMatchObject({ status: 401 });
    await expect(signInStaff(email, 'correct-horse-battery', '10.0.0.3')).resolves.toMatchObject({
      staff: { roles: ['analyst'] },
    });
  }, 30_000);
});
