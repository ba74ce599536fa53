import { requireBookableVenue } from '../../lib/bookings/venues';
import { getVenueRoute } from '../../lib/bookings/venue-routes';
import { toMemberVenue } from '../../lib/bookings/venues';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getVenueRoute, async ({ params }) => ({
  status: 200,
  body: toMemberVenue(await requireBookableVenue(params.venueId)),
}));
