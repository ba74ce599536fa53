import type { StaffRole } from '@sbm/web-shared/api';

/** Every role, in the order the console offers them (lib/auth/permissions.ts is the source). */
export const STAFF_ROLES = [
  'admin',
  'marketer',
  'store_manager',
  'support',
  'analyst',
] as const satisfies readonly StaffRole[];

/** Roles whose permissions reach only their own stores. */
export const STORE_SCOPED_ROLES: readonly StaffRole[] = ['store_manager'];
