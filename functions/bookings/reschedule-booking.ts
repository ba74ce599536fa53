import { rescheduleBooking } from '../../lib/bookings/bookings';
import { rescheduleBookingRoute } from '../../lib/bookings/booking-routes';
import { httpHandler } from '../../lib/http/handler';
import { requireIdempotencyKey } from '../../lib/http/idempotency-key';

export const handler = httpHandler(
  rescheduleBookingRoute,
  async ({ principal, params, body, headers, correlationId }) => {
    const idempotencyKey = requireIdempotencyKey(headers);
    const { view, replayed } = await rescheduleBooking({
      customerId: principal.customerId,
      bookingId: params.bookingId,
      start: body.start,
      idempotencyKey,
      correlationId,
    });
    return { status: 200, body: view, headers: replayed ? { 'idempotent-replayed': 'true' } : undefined };
  },
);
