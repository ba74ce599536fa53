import { api } from '@sbm/web-shared/api';

// The day view's calls: the venues, a venue's day, and the desk's actions. Every action invalidates the
// `bookings admin` tag the day is read under, so the day on screen is read again after each.
export const {
  useListVenuesForStaffQuery,
  useGetVenueDayQuery,
  useCreateWalkInBookingMutation,
  useCheckInBookingMutation,
  useMarkBookingAttendedMutation,
  useMarkBookingNoShowMutation,
  useCancelVenueBookingMutation,
} = api;

export type { GetVenueDayApiResponse, Venue } from '@sbm/web-shared/api';

/** Venues the picker lists: the first page, the most the API gives at once. */
export const VENUE_PAGE = 100;
