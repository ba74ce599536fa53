import { visibleStores } from '../../lib/auth/store-scope';
import { listVenuesForStaffRoute } from '../../lib/bookings/venue-routes';
import { listVenues } from '../../lib/bookings/venues';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(listVenuesForStaffRoute, async ({ principal, query }) => {
  const { limit, cursor, ...filter } = query;
  return {
    status: 200,
    // A store manager pages through their stores' venues only, and their cursor opens for them alone.
    body: await listVenues(
      { limit, cursor },
      filter,
      visibleStores(principal, listVenuesForStaffRoute.auth.permission),
    ),
  };
});
