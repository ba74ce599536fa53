import { availabilityOf, readVenueDayOccupancy } from '../../lib/bookings/availability';
import { requireBookableVenue } from '../../lib/bookings/venue-schemas';
import { getAvailabilityRoute } from '../../lib/bookings/venue-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getAvailabilityRoute, async ({ params, query }) => {
  // The venue read and the venue-day query are independent: made at once, one round trip each.
  const [venue, occupancy] = await Promise.all([
    requireBookableVenue(params.venueId),
    readVenueDayOccupancy(params.venueId, query.date),
  ]);
  return { status: 200, body: availabilityOf(venue, query.date, occupancy, query.partySize) };
});
