import { useShellProfile } from '@/features/shell';

/** Roles whose permissions reach only the staff member's own stores (lib/auth/permissions.ts). */
const STORE_SCOPED_ROLES = ['store_manager'];

/** What the signed-in staff member may do in this section; the API still checks every call. */
export function useStoresAccess() {
  const profile = useShellProfile();
  const can = (permission: string) => profile.permissions.has(permission);
  return {
    readStores: can('stores:read'),
    writeStores: can('stores:write'),
    manageKeys: can('stores:keys'),
    operatePos: can('pos:operate'),
    /** Dead letters span every store: only staff with a role beyond a store's may work on them. */
    everyStore: profile.roles.some((role) => !STORE_SCOPED_ROLES.includes(role)),
  };
}
