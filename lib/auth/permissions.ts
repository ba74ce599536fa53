import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** Everything a staff route can require. */
export const permissionSchema = lazySchema(() =>
  z
    .enum([
      'customers:read',
      'customers:pii',
      'loyalty:read',
      'loyalty:adjust',
      'loyalty:configure',
      'rewards:write',
      'redemptions:cancel',
      'redemptions:read',
      'pickups:collect',
      'campaigns:read',
      'campaigns:write',
      'stores:read',
      'stores:write',
      'stores:keys',
      'pos:operate',
      'analytics:read',
      'audit:read',
      'staff:read',
      'staff:write',
      'bookings:read',
      'bookings:write',
    ])
    .check(z.describe('What a staff route can require; a staff member has those their roles grant')),
);
export type Permission = z.infer<typeof permissionSchema>;

export const staffRoleSchema = lazySchema(() =>
  z.enum(['admin', 'marketer', 'store_manager', 'support', 'analyst']).check(z.describe(whatRolesMayDo())),
);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/**
 * The one table of what each role may do. A permission that only store-scoped roles grant covers only
 * the stores assigned to the staff member (lib/auth/store-scope.ts); the routes check that per object.
 */
export const rolePermissions: Record<StaffRole, readonly Permission[]> = {
  admin: permissionSchema.options,
  marketer: [
    'customers:read',
    'loyalty:read',
    'rewards:write',
    'redemptions:read',
    'campaigns:read',
    'campaigns:write',
    'analytics:read',
  ],
  store_manager: [
    'stores:read',
    'stores:keys',
    'pos:operate',
    'analytics:read',
    'pickups:collect',
    'bookings:read',
    'bookings:write',
  ],
  support: [
    'customers:read',
    'customers:pii',
    'loyalty:read',
    'loyalty:adjust',
    'redemptions:cancel',
    'redemptions:read',
    'pickups:collect',
    'bookings:read',
  ],
  analyst: ['analytics:read', 'campaigns:read'],
};

/** The role table in words, as the roles' schema describes them. */
function whatRolesMayDo(): string {
  const grants = Object.entries(rolePermissions).map(
    ([role, permissions]) => `${role}: ${role === 'admin' ? 'everything' : permissions.join(', ')}`,
  );
  return `What each role may do. ${grants.join('; ')}. The permissions of ${STORE_SCOPED_ROLES.join(', ')} reach only the stores assigned to the staff member (storeIds).`;
}

/** Every permission the roles grant together, each once, sorted. */
export const permissionsOf = (roles: readonly StaffRole[]): Permission[] =>
  [...new Set(roles.flatMap((role) => rolePermissions[role]))].sort();

/** Whether any of the roles grants the permission. */
export const rolesAllow = (roles: readonly StaffRole[], permission: Permission) =>
  roles.some((role) => rolePermissions[role].includes(permission));

/** Roles whose permissions are limited to the stores assigned to the staff member. */
export const STORE_SCOPED_ROLES: readonly StaffRole[] = ['store_manager'];

/**
 * Permissions that hand out authority (staff and their roles, POS keys): their routes read the caller's
 * roles afresh on every request (a consistent read), where others may use a copy up to 30 s old.
 */
export const FRESH_ROLE_PERMISSIONS: readonly Permission[] = ['staff:write', 'stores:keys'];
