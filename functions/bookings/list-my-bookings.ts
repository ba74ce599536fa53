import { listMyBookings } from '../../lib/bookings/bookings';
import { listMyBookingsRoute } from '../../lib/bookings/booking-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(listMyBookingsRoute, async ({ principal, query }) => ({
  status: 200,
  body: await listMyBookings(principal.customerId, query),
}));
