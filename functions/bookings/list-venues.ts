import { listVenuesRoute } from '../../lib/bookings/venue-routes';
import { toMemberVenue } from '../../lib/bookings/venue-schemas';
import { listActiveVenues } from '../../lib/bookings/venues';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(listVenuesRoute, async ({ query }) => ({
  status: 200,
  body: { items: (await listActiveVenues(query.kind)).map(toMemberVenue) },
}));
