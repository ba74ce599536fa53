import { recordStaffAction } from '../../lib/audit';
import { checkInByStaff } from '../../lib/bookings/attendance';
import { assertVenueAccess, bookingAuditSubject } from '../../lib/bookings/staff-access';
import { markBookingAttendedRoute } from '../../lib/bookings/attendance-routes';
import { requireVenue } from '../../lib/bookings/repository';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  markBookingAttendedRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const venue = await requireVenue(params.venueId);
    assertVenueAccess(principal, markBookingAttendedRoute.auth.permission, venue);
    const booking = await checkInByStaff(venue, params.bookingId, correlationId);
    await recordStaffAction({
      actor: principal,
      action: 'booking.check-in',
      target: bookingAuditSubject.target(booking.bookingId),
      before: { status: 'confirmed' },
      after: { status: booking.status, attendedAt: booking.attendedAt, by: 'staff' },
      correlationId,
      sourceIp,
    });
    return { status: 200, body: { bookingId: booking.bookingId, status: 'attended' as const } };
  },
);
