import { cancelMyBooking } from '../../lib/bookings/bookings';
import { cancelBookingRoute } from '../../lib/bookings/booking-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(cancelBookingRoute, async ({ principal, params, correlationId }) => ({
  status: 200,
  body: await cancelMyBooking(principal.customerId, params.bookingId, correlationId),
}));
