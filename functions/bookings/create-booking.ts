import { createBooking } from '../../lib/bookings/bookings';
import { createBookingRoute } from '../../lib/bookings/booking-routes';
import { httpHandler } from '../../lib/http/handler';
import { requireIdempotencyKey } from '../../lib/http/idempotency-key';

export const handler = httpHandler(
  createBookingRoute,
  async ({ principal, body, headers, correlationId }) => {
    const idempotencyKey = requireIdempotencyKey(headers);
    const { view, replayed } = await createBooking({
      ...body,
      customerId: principal.customerId,
      channel: 'member',
      idempotencyKey,
      correlationId,
    });
    return { status: 201, body: view, headers: replayed ? { 'idempotent-replayed': 'true' } : undefined };
  },
);
