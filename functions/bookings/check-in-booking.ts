import { recordStaffAction } from '../../lib/audit';
import { checkInByCode } from '../../lib/bookings/attendance';
import { assertVenueAccess, bookingAuditSubject } from '../../lib/bookings/staff-access';
import { checkInBookingRoute } from '../../lib/bookings/attendance-routes';
import { requireVenue } from '../../lib/bookings/repository';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  checkInBookingRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    const venue = await requireVenue(params.venueId);
    assertVenueAccess(principal, checkInBookingRoute.auth.permission, venue);
    const booking = await checkInByCode(venue, body.code, correlationId);
    await recordStaffAction({
      actor: principal,
      action: 'booking.check-in',
      target: bookingAuditSubject.target(booking.bookingId),
      before: { status: 'confirmed' },
      after: { status: booking.status, attendedAt: booking.attendedAt, by: 'code' },
      correlationId,
      sourceIp,
    });
    return { status: 200, body: { bookingId: booking.bookingId, status: 'attended' as const } };
  },
);
