import { problems } from '../http/problem';
import { openSession } from './session-tokens';
import { authenticateStaff } from './staff';

/** Signs staff in with email and password; a wrong email and a wrong password look the same. */
export async function signInStaff(email: string, password: string) {
  const staff = await authenticateStaff(email, password);
  if (!staff) throw problems.unauthorized('INVALID_CREDENTIALS', 'The email or password is wrong.');
  const tokens = await openSession({ kind: 'staff', id: staff.staffId });
  return { ...tokens, staff: { id: staff.staffId, roles: staff.roles } };
}
