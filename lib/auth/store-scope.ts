import { problems } from '../http/problem';
import { STORE_SCOPED_ROLES } from './permissions';
import type { StaffPrincipal, StaffRole } from './principal';

/** Staff whose every role is store-scoped act only for their assigned stores. */
export const isStoreScoped = (staff: StaffPrincipal) =>
  staff.roles.every((role) => STORE_SCOPED_ROLES.includes(role));

/** A store manager manages stores: the role means nothing without at least one. */
export const storeManagerHasStores = (staff: { roles: StaffRole[]; storeIds: string[] }) =>
  !staff.roles.includes('store_manager') || staff.storeIds.length > 0;

/** Object-level check: a store manager reaches only their own stores. */
export function assertStoreAccess(staff: StaffPrincipal, storeId: string) {
  if (isStoreScoped(staff) && !staff.storeIds.includes(storeId))
    throw problems.forbidden(`You do not manage store ${storeId}.`);
}

/** For actions that span every store (a queue-wide redrive): not for store-scoped staff. */
export function assertAllStoresAccess(staff: StaffPrincipal) {
  if (isStoreScoped(staff)) throw problems.forbidden('This action spans every store.');
}

/** The stores a staff member may see, or undefined for all. */
export const visibleStores = (staff: StaffPrincipal) =>
  isStoreScoped(staff) ? new Set(staff.storeIds) : undefined;
