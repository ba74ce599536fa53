import { problems } from '../http/problem';
import { rolePermissions, STORE_SCOPED_ROLES, type Permission } from './permissions';
import type { StaffPrincipal, StaffRole } from './principal';

/**
 * The stores a staff member may use a permission for: all of them when a role that is not store-scoped
 * grants it, otherwise only their assigned stores. Scope is per permission, not per role set: an
 * analyst who also manages a store reads analytics for every store, but issues keys for theirs alone.
 * A permission no role grants reaches no store (the route refuses such a caller before this anyway).
 */
export function storeScopeOf(
  staff: Pick<StaffPrincipal, 'roles' | 'storeIds'>,
  permission: Permission,
): 'all' | ReadonlySet<string> {
  const granting = staff.roles.filter((role) => rolePermissions[role].includes(permission));
  if (granting.some((role) => !STORE_SCOPED_ROLES.includes(role))) return 'all';
  return new Set(granting.length > 0 ? staff.storeIds : []);
}

/** A store manager manages stores: the role means nothing without at least one. */
export const storeManagerHasStores = (staff: { roles: StaffRole[]; storeIds: string[] }) =>
  !staff.roles.includes('store_manager') || staff.storeIds.length > 0;

/** Object-level check: the permission reaches this store for this staff member. */
export function assertStoreAccess(staff: StaffPrincipal, permission: Permission, storeId: string) {
  const scope = storeScopeOf(staff, permission);
  if (scope !== 'all' && !scope.has(storeId)) throw problems.forbidden(`You do not manage store ${storeId}.`);
}

/** For actions that span every store (a queue-wide redrive): only where the permission reaches every store. */
export function assertAllStoresAccess(staff: StaffPrincipal, permission: Permission) {
  if (storeScopeOf(staff, permission) !== 'all') throw problems.forbidden('This action spans every store.');
}

/** The stores a staff member may see with the permission, or undefined for all. */
export function visibleStores(staff: StaffPrincipal, permission: Permission) {
  const scope = storeScopeOf(staff, permission);
  return scope === 'all' ? undefined : scope;
}
