import { requireVenue } from '../../lib/bookings/repository';
import { getVenueForStaffRoute } from '../../lib/bookings/venue-routes';
import { assertVenueAccess } from '../../lib/bookings/venues';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getVenueForStaffRoute, async ({ principal, params }) => {
  const venue = await requireVenue(params.venueId);
  assertVenueAccess(principal, getVenueForStaffRoute.auth.permission, venue);
  return { status: 200, body: venue };
});
