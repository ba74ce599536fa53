import { useListMyBookingsQuery } from '@sbm/web-shared/api';

/** The member's bookings as the list answers them (GET /v1/bookings/me: the service worker keeps the last). */
export function useMyBookings() {
  return useListMyBookingsQuery({ limit: 50 });
}
