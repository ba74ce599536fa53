import { useShellProfile } from '@/features/shell';

/** Roles whose permissions reach only the staff member's own stores (lib/auth/permissions.ts). */
const STORE_SCOPED_ROLES = ['store_manager'];

/** What the signed-in staff member may do in this section; the API still checks every call. */
export function useVenuesAccess() {
  const profile = useShellProfile();
  return {
    writeVenues: profile.permissions.has('bookings:write'),
    /** Store names come from the stores API, which not every reader of venues may call. */
    readStores: profile.permissions.has('stores:read'),
    /** The mall's own venues (no store) are kept by staff whose roles reach every store. */
    everyStore: profile.roles.some((role) => !STORE_SCOPED_ROLES.includes(role)),
  };
}
