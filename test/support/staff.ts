import type { StaffRole } from '../../lib/auth/permissions';
import { authorizerContextOf } from '../../lib/auth/principal';
import { createStaff } from '../../lib/auth/staff';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../lib/auth/tokens';
import { uniqueId } from './ids';

/**
 * A staff member with these roles, stored in the main table the handlers read, and the authorizer context
 * of a token of theirs just issued. The HTTP stack takes a staff caller's roles from the record, so a
 * handler test needs the record, not only a context naming roles.
 */
export async function staffCaller(roles: StaffRole[], storeIds: string[] = []) {
  const { staffId } = await createStaff({
    email: `${uniqueId('staff')}@sbm.local`,
    name: 'Test Staff',
    roles,
    storeIds,
    password: uniqueId('pw'),
  });
  const expiresAt = Math.floor(Date.now() / 1000) + ACCESS_TOKEN_TTL_SECONDS;
  return authorizerContextOf(
    { kind: 'staff', staffId, sessionId: uniqueId('s'), roles, storeIds },
    expiresAt,
  );
}
