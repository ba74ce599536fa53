import { useShellProfile } from '@/features/shell';

/** What the signed-in staff member may do in the day view; the API still checks every call (and the store scope). */
export function useBookingsAccess() {
  const { permissions } = useShellProfile();
  return { writeBookings: permissions.has('bookings:write') };
}
