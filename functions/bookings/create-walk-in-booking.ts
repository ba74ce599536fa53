import { recordStaffAction } from '../../lib/audit';
import { createBooking, requireMember } from '../../lib/bookings/bookings';
import { assertVenueAccess, bookingAuditSubject } from '../../lib/bookings/staff-access';
import { createWalkInBookingRoute } from '../../lib/bookings/booking-routes';
import { requireVenue } from '../../lib/bookings/repository';
import { httpHandler } from '../../lib/http/handler';
import { requireIdempotencyKey } from '../../lib/http/idempotency-key';

export const handler = httpHandler(
  createWalkInBookingRoute,
  async ({ principal, params, body, headers, correlationId, sourceIp }) => {
    const idempotencyKey = requireIdempotencyKey(headers);
    assertVenueAccess(
      principal,
      createWalkInBookingRoute.auth.permission,
      await requireVenue(params.venueId),
    );
    await requireMember(body.customerId);
    const { view, replayed } = await createBooking({
      ...body,
      venueId: params.venueId,
      channel: 'staff',
      idempotencyKey,
      correlationId,
    });
    // A replay is audited too: the first request may have stopped between its booking and its entry.
    await recordStaffAction({
      actor: principal,
      action: 'booking.walk-in',
      target: bookingAuditSubject.target(view.bookingId),
      after: { ...view, customerId: body.customerId, ...(replayed ? { replayed } : {}) },
      correlationId,
      sourceIp,
    });
    return { status: 201, body: view, headers: replayed ? { 'idempotent-replayed': 'true' } : undefined };
  },
);
