import { checkInCodeFor } from '../../lib/bookings/attendance';
import { getCheckInCodeRoute } from '../../lib/bookings/attendance-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(getCheckInCodeRoute, async ({ principal, params }) => ({
  status: 200,
  body: await checkInCodeFor(principal.customerId, params.bookingId),
}));
