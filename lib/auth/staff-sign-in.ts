import { problems } from '../http/problem';
import { clearLoginFailures, guardLogin, recordLoginFailure } from './login-throttle';
import { openSession } from './session-tokens';
import { authenticateStaff, normaliseEmail } from './staff';

/**
 * Signs staff in with email and password. A wrong email and a wrong password look the same; repeated
 * failures slow sign-ins down and then lock the account (and a noisy IP) out for a while.
 */
export async function signInStaff(email: string, password: string, sourceIp?: string) {
  const account = normaliseEmail(email);
  await guardLogin(account, sourceIp);
  const staff = await authenticateStaff(email, password);
  if (!staff) {
    await recordLoginFailure(account, sourceIp);
    throw problems.unauthorized('INVALID_CREDENTIALS', 'The email or password is wrong.');
  }
  await clearLoginFailures(account);
  const tokens = await openSession({ kind: 'staff', id: staff.staffId });
  return { ...tokens, staff: { id: staff.staffId, roles: staff.roles } };
}
