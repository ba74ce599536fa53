import { getVenueRoute } from '../../lib/bookings/venue-routes';
import { requireBookableVenue, toMemberVenue } from '../../lib/bookings/venue-schemas';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getVenueRoute, async ({ params }) => ({
  status: 200,
  body: toMemberVenue(await requireBookableVenue(params.venueId)),
}));
