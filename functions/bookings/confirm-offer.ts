import { httpHandler } from '../../lib/http/handler';
import { confirmOffer } from '../../lib/bookings/waitlist';
import { confirmOfferRoute } from '../../lib/bookings/waitlist-routes';

export const handler = httpHandler(confirmOfferRoute, async ({ principal, params, correlationId }) => ({
  status: 200,
  body: await confirmOffer(principal.customerId, params.bookingId, correlationId),
}));
